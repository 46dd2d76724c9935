package app.clerkdub.platform.upstream;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SteppingClock;
import app.clerkdub.fakes.TightCircuits;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The breakers judge availability, not traffic: only connection errors, timeouts and 5xx count, and only
 * over the last minute. With a window of 4 calls, four failures in a row would open a circuit whatever
 * their age if the breaker counted calls; the clock is stepped instead of waited for. Each test starts with
 * fresh breakers ({@link TightCircuits}), not a fresh service.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class CircuitWindowTest {
    static final int WINDOW = 4;

    @Inject
    CircuitBreakerRegistry breakers;
    @Inject
    RetryRegistry retries;

    private final SteppingClock clock = new SteppingClock();

    @BeforeEach
    void tightCircuits() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        TightCircuits.apply(breakers, retries, WINDOW, clock);
    }

    @AfterEach
    void ownCircuits() {
        TightCircuits.restore(breakers, retries);
    }

    @Test
    void aDubBlipOverAMinuteAgoCannotOpenTheCircuitNow() {
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));
        for (int i = 0; i < WINDOW - 1; i++) {
            track().then().statusCode(502).body("error.code", equalTo("dub_unavailable"));
        }
        clock.step(Duration.ofSeconds(61));
        // One more failure: the last 4 calls all failed, but only 1 of them in the last minute.
        track().then().statusCode(502).body("error.code", equalTo("dub_unavailable"));

        Fakes.dub().givenLeadTracked();
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(WINDOW + 1, Fakes.dub().leads().size(), "every call, the healthy one too, reached Dub");
    }

    @Test
    void theSameFailuresWithinAMinuteDoOpenIt() {
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));
        for (int i = 0; i < WINDOW; i++) {
            track().then().statusCode(502);
        }
        Fakes.dub().givenLeadTracked();
        track().then().statusCode(503).body("error.code", equalTo("dub_unavailable"));
        assertEquals(WINDOW, Fakes.dub().leads().size(), "the open circuit sent nothing to Dub");
    }

    @Test
    void refusalsUnknownClicksAndRateLimitsDoNotOpenIt() {
        Fakes.dub().givenAnswer(DubFake.error(422, "unprocessable_entity", "Invalid clickId."));
        for (int i = 0; i < WINDOW; i++) {
            track().then().statusCode(502);
        }
        Fakes.dub().givenAnswer(DubFake.clickNotFound("clk_window"));
        for (int i = 0; i < WINDOW; i++) {
            track().then().statusCode(200).body("status", equalTo("unknown_click"));
            Fakes.clerk().givenUser(ClerkUser.named(USER_ID)); // Clerk keeps the spent click: unmark the user
        }
        // Rate limited for a minute: passed on to the caller at once, not waited for.
        Fakes.dub().givenAnswer(DubFake.rateLimited(System.currentTimeMillis() + 60_000));
        for (int i = 0; i < WINDOW; i++) {
            track().then().statusCode(502).header("Retry-After", notNullValue());
        }
        Fakes.dub().givenLeadTracked();
        track().then().statusCode(200).body("status", equalTo("tracked"));
        assertEquals(3 * WINDOW + 1, Fakes.dub().leads().size(), "every call reached Dub");
    }

    private static Response track() {
        return withBearer(session().sign()).cookie("dub_id", "clk_window").post(PATH);
    }
}
