package app.clerkdub.platform.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.RedisServer;
import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.platform.state.SharedState.Want;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * Redis stopped, slow or emptied never stops a decision: each is made in the instance's memory and counted, and
 * once Redis answers again the fleet shares its state again, with no restart.
 */
class FallbackStateTest {
    static final Duration TIMEOUT = Duration.ofMillis(250);
    private RedisServer server;
    private Vertx vertx;
    private SimpleMeterRegistry registry;
    private FallbackState state;

    @BeforeEach
    void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        RedisState redis = new RedisState(RedisAPI.api(Redis.createClient(vertx, server.url())), "fb:");
        // Connected first, as the service connects at start.
        redis.connect().await().atMost(Duration.ofSeconds(5));
        state = new FallbackState(redis, new MemoryState(Quotas.defaults(), registry), TIMEOUT, registry);
    }

    @AfterEach
    void stop() {
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void withRedisStoppedEveryDecisionIsMadeInMemoryAndCountedThenSharedAgainOnceItIsBack() throws Exception {
        Budget budget = new Budget("user_budgets", 100, Duration.ofMinutes(1));
        assertEquals(Optional.empty(), SharedStateContract.now(state.take(List.of(new Want(budget, "before", 1)))));
        assertEquals(1, server.keys("fb:*").size());
        assertEquals(0, fallbacks());

        server.stop();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertInstanceOf(Claimed.class, SharedStateContract.now(state.begin(
                    SharedStateContract.signUp("user_" + i, "o", Optional.of(budget)))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "a decision took " + took);
        }
        assertEquals(5, fallbacks());

        server.restart();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            SharedStateContract.now(state.take(List.of(new Want(budget, "after", 1))));
            return !server.keys("fb:*after*").isEmpty();
        });
    }

    @Test
    void aRedisSlowerThanTheTimeoutIsNotWaitedFor() throws Exception {
        // CLIENT PAUSE holds every client's commands for two seconds, from the moment it answers: the decision
        // cannot wait that long.
        assertEquals("+OK", server.command("CLIENT PAUSE 2000 ALL"));
        long started = System.nanoTime();
        assertEquals(Optional.empty(), SharedStateContract.now(state.exhausted(
                new Budget("client_budgets", 3, Duration.ofMinutes(1)), "slow")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "the decision took " + took);
        assertEquals(1, fallbacks());
    }

    private double fallbacks() {
        return registry.get("state.fallbacks").counter().count();
    }
}
