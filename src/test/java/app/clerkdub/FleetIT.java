package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import app.clerkdub.Fleet.Instance;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.sandbox.ClerkUser;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Two instances of the packaged application sharing one Redis behave as one: one run per user, one budget of runs
 * per user and of refused tokens per address; with Redis stopped, each goes on alone and loses no lead, and once
 * Redis is back they share again with no restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final int USER_RUNS = 2;
    static final int CLIENT_FAILURES = 3;
    static final AtomicLong USERS = new AtomicLong(System.nanoTime() % 1_000_000);
    static Fleet fleet;

    @BeforeAll
    static void startTheFleet() throws Exception {
        fleet = Fleet.start(2, Map.of("QUOTA_USER_RUNS", Integer.toString(USER_RUNS),
                "QUOTA_CLIENT_FAILURES", Integer.toString(CLIENT_FAILURES), "UPSTREAM_RETRIES", "0",
                "UPSTREAM_CIRCUIT_WINDOW", "100",
                "QUARKUS_REST_CLIENT_DUB_API_READ_TIMEOUT", "10000"));
    }

    @AfterAll
    static void stopTheFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    @Order(1)
    void concurrentCallsOfOneUserOverBothInstancesMakeOneDubRequestAndAllAreAnswered() throws Exception {
        String user = newUser();
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(1500));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Instance instance = fleet.get(i);
                calls.add(pool.submit(() -> track(instance, user)));
            }
            for (Future<Response> call : calls) {
                Response answer = call.get();
                assertEquals(200, answer.statusCode(), answer.asString());
                assertEquals("tracked", answer.path("status"), answer.asString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    @Order(2)
    void theBudgetOfRunsPerUserHoldsAcrossTheFleet() {
        String user = newUser();
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response answer = track(fleet.get(i), user);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertNotNull(answer.header("Retry-After"), answer.asString());
            }
        }
        assertEquals(USER_RUNS, Fakes.dub().leads().size(), "statuses " + statuses);
        assertEquals(List.of(429, 429, 429, 429), statuses.subList(USER_RUNS, 6), "statuses " + statuses);
        assertEquals(0, Fakes.clerk().metadataUpdates().size());
    }

    @Test
    @Order(3)
    void theBudgetOfRefusedTokensPerAddressHoldsAcrossTheFleet() {
        String forged = SessionTokens.session().subject(newUser()).signedBy(SessionTokens.otherKeys()).sign();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(RestAssured.given().baseUri(fleet.get(i).url()).header("Authorization", "Bearer " + forged)
                    .header("Origin", SessionTokens.ALLOWED_ORIGIN).post(PATH).statusCode());
        }
        assertEquals(List.of(401, 401, 401, 429, 429, 429), statuses);
    }

    @Test
    @Order(4)
    void withRedisStoppedEachInstanceStillTracksLeadsThenSharesAgainOnceItIsBack() throws Exception {
        Fakes.dub().givenLeadTracked();
        fleet.redis.stop();
        try {
            for (int i = 0; i < 4; i++) {
                long started = System.nanoTime();
                Response answer = track(fleet.get(i), newUser());
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("FleetIT: a lead with Redis stopped took %d ms%n", took.toMillis());
                assertEquals(200, answer.statusCode(), answer.asString());
                assertEquals("tracked", answer.path("status"), answer.asString());
                // Not a measure of speed: a decision that waited for the dead store would take its timeout or more.
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
            }
            assertEquals(4, Fakes.dub().leads().size());
            for (Instance instance : fleet.instances) {
                assertTrue(fleet.fallbacks(instance) > 0, "decisions made in memory");
            }
        } finally {
            fleet.redis.restart();
        }
        // Each instance tries Redis again within a second of its last fallback: shared again, with no restart.
        for (Instance instance : fleet.instances) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String user = newUser();
                track(instance, user);
                return !fleet.redis.keys("*{u:" + user + "}:tracked").isEmpty();
            });
        }
        Fakes.reset();
        concurrentCallsOfOneUserOverBothInstancesMakeOneDubRequestAndAllAreAnswered();
    }

    static String newUser() {
        String user = "user_fleet_" + USERS.incrementAndGet();
        Fakes.clerk().givenUser(ClerkUser.named(user));
        return user;
    }

    static Response track(Instance instance, String user) {
        return RestAssured.given().baseUri(instance.url())
                .header("Authorization", "Bearer " + SessionTokens.session().subject(user).sign())
                .header("Origin", SessionTokens.ALLOWED_ORIGIN).cookie("dub_id", CLICK).post(PATH);
    }
}
