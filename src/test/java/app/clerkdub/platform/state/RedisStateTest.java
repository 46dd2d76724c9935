package app.clerkdub.platform.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.RedisServer;
import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import app.clerkdub.platform.state.SharedState.Want;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The contract, on a real Redis: what a fleet shares. Beside it, what only Redis can get wrong: every key is
 * prefixed, hash-tagged and expiring, and holds no address in the clear.
 */
class RedisStateTest extends SharedStateContract {
    static final String PREFIX = "contract:";
    private static RedisServer server;
    private static Vertx vertx;
    private static RedisState state;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        state = new RedisState(RedisAPI.api(Redis.createClient(vertx, server.url())), PREFIX);
        state.connect().await().atMost(java.time.Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopRedis() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    SharedState state() {
        return state;
    }

    @Test
    void everyKeyIsPrefixedHashTaggedAndExpiring() throws IOException {
        String user = key();
        now(state.begin(signUp(user, "a", Optional.of(new Budget("user_budgets", 5, LONG)))));
        now(state.end(ended(user, "a", "clk_1", "lead|tracked")));
        now(state.take(List.of(new Want(new Budget(UpstreamBudgets.BUDGET, 5, LONG), "dub", 1))));
        now(state.spend(new Budget("client_budgets", 5, LONG), "5d41402abc4b2a76b9719d911017c592"));
        List<String> keys = server.keys("*");
        assertTrue(keys.size() >= 5, "keys " + keys);
        for (String key : keys) {
            assertTrue(key.startsWith(PREFIX) && key.matches(".*\\{[^}]+}.*"), key);
            long left = Long.parseLong(server.command("PTTL " + key).substring(1));
            assertTrue(left > 0, key + " expires in " + left);
        }
        assertEquals(1, keys.stream().filter(key -> key.equals(PREFIX + "{u:" + user + "}:tracked")).count());
    }
}
