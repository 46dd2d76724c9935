package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.management;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TightCircuits;
import app.clerkdub.sandbox.ClerkUser;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a Prometheus scrape of {@code /q/metrics} needs for the dashboard and the alert rules in {@code ops/}:
 * buckets on the request and upstream timers, so that p99 can be computed, a gauge per circuit, and every
 * metric that the dashboard and the alert rules query.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class MetricsTest {
    /** The bucket edges in seconds, as Prometheus names them in {@code le}, {@code +Inf} last. */
    static final List<String> EDGES = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
            "5.0", "10.0", "+Inf");
    static final String DUB_CIRCUIT = "upstream_circuit_state{operation=\"track_lead\",upstream=\"dub\"}";
    static final String CLERK_CIRCUIT = "upstream_circuit_state{operation=\"get_user\",upstream=\"clerk\"}";

    @Inject
    CircuitBreakerRegistry breakers;
    @Inject
    RetryRegistry retries;

    @BeforeEach
    void healthyUpstreams() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @AfterEach
    void ownCircuits() {
        TightCircuits.restore(breakers, retries);
    }

    @Test
    void theRequestAndUpstreamTimersHaveTheSameBuckets() {
        withBearer(session().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        String metrics = scrape();
        assertEquals(EDGES, edges(metrics, "upstream_calls_seconds_bucket",
                "operation=\"get_user\",result=\"ok\",upstream=\"clerk\""));
        assertEquals(EDGES, edges(metrics, "http_server_requests_seconds_bucket",
                "status=\"200\",uri=\"" + PATH + "\""));
    }

    @Test
    void eachCircuitHasAGaugeThatReadsOneWhileItIsOpen() {
        TightCircuits.apply(breakers, retries, 4, Clock.systemUTC());
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));
        for (int i = 0; i < 3; i++) {
            track().then().statusCode(502);
        }
        assertEquals(0.0, value(scrape(), DUB_CIRCUIT), "closed until the window holds 4 calls");

        track().then().statusCode(502);
        String open = scrape();
        assertEquals(1.0, value(open, DUB_CIRCUIT), "open after 4 failures in 4 calls");
        assertEquals(0.0, value(open, CLERK_CIRCUIT), "Clerk answered every call");
        track().then().statusCode(503);

        breakers.circuitBreaker("dub_track_lead").transitionToHalfOpenState();
        assertEquals(0.5, value(scrape(), DUB_CIRCUIT), "half-open");

        // A breaker replaced in the registry is the one the gauge reads: the fresh one is closed.
        TightCircuits.restore(breakers, retries);
        assertEquals(0.0, value(scrape(), DUB_CIRCUIT), "closed again");
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsInTheScrape() throws Exception {
        withBearer(session().sign()).post(PATH).then().statusCode(200);
        // An unsigned delivery: refused, and counted in webhooks_outcomes_total as the alert expects.
        given().contentType("application/json").body("{}").post("/webhooks/clerk").then().statusCode(401);
        String metrics = scrape();
        Set<String> absent = new TreeSet<>();
        for (String name : OpsFilesTest.queriedMetrics()) {
            if (!OpsFilesTest.NOT_THE_SERVICES.contains(name)
                    && !Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(metrics).find()) {
                absent.add(name);
            }
        }
        assertEquals(Set.of(), absent, "queried in ops/ but not in /q/metrics");
        // The dashboard's latency panel picks both ways in by these paths.
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{method=\"POST\",outcome=\"CLIENT_ERROR\","
                + "status=\"401\",uri=\"/webhooks/clerk\""), "the webhook's requests by their path");
    }

    private static Response track() {
        return withBearer(session().sign()).cookie("dub_id", "clk_gauge").post(PATH);
    }

    private static String scrape() {
        return management().get("/metrics").then().statusCode(200).extract().asString();
    }

    /** The {@code le} of every bucket of the series whose labels include {@code labels}, in order. */
    private static List<String> edges(String metrics, String bucket, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(bucket) + "\\{([^}]*)\\} ").matcher(metrics);
        List<String> found = new ArrayList<>();
        while (line.find()) {
            String all = line.group(1);
            if (all.contains(labels)) {
                Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(all);
                if (le.find()) {
                    found.add(le.group(1));
                }
            }
        }
        return found;
    }

    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        if (!line.find()) {
            throw new AssertionError(series + " is not in the scrape:\n" + metrics);
        }
        return Double.parseDouble(line.group(1));
    }
}
