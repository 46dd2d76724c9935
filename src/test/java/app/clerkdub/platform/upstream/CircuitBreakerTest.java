package app.clerkdub.platform.upstream;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TightCircuits;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A dead Dub is answered fast with 503 and Retry-After once its circuit opens, and nothing is marked. */
@QuarkusTest
@WithTestResource(Fakes.class)
class CircuitBreakerTest {
    @Inject
    CircuitBreakerRegistry breakers;
    @Inject
    RetryRegistry retries;

    @BeforeEach
    void tightCircuits() {
        // Every upstream operation gets these; only Dub fails here.
        TightCircuits.apply(breakers, retries, 4, Clock.systemUTC());
    }

    @AfterEach
    void ownCircuits() {
        TightCircuits.restore(breakers, retries);
    }

    @Test
    void deadDubOpensTheCircuitAndLaterCallsAreRefusedFastWithRetryAfter() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));

        for (int i = 0; i < 4; i++) {
            track().then().statusCode(502).body("error.code", equalTo("dub_unavailable"));
        }
        assertEquals(4, Fakes.dub().leads().size());

        track().then().statusCode(503)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("dub_unavailable"))
                .header("Retry-After", notNullValue());
        assertEquals(4, Fakes.dub().leads().size(), "an open circuit sends nothing to Dub");
        assertEquals(0, Fakes.clerk().metadataUpdates().size(), "nobody was marked as tracked");
    }

    private static io.restassured.response.Response track() {
        return withBearer(session().sign()).cookie("dub_id", "clk_circuit").post(PATH);
    }
}
