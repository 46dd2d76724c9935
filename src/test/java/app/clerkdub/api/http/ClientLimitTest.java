package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * An address that keeps sending refused tokens is answered 429 before its tokens are checked, with
 * nothing sent to Clerk or Dub; other addresses are unaffected. The service sits behind a trusted proxy
 * here, so each test has an address of its own (X-Forwarded-For, believed only because
 * {@code quarkus.http.proxy.*} says so).
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.TightLimits.class)
class ClientLimitTest {
    static final int FAILURES = TestProfiles.TightLimits.CLIENT_FAILURES;

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @Test
    void addressThatSentTooManyRefusedTokensGets429AndNoUpstreamCall() {
        String junk = session().signedBy(SessionTokens.otherKeys()).sign();
        for (int i = 0; i < FAILURES; i++) {
            from("198.51.100.7", junk).post(PATH).then().statusCode(401);
        }
        int jwksFetches = Fakes.clerkFrontend().getAllServeEvents().size();

        // Even a good token: the address is refused before any token is looked at.
        Response refused = from("198.51.100.7", session().sign()).post(PATH);
        refused.then().statusCode(429)
                .contentType("application/json")
                .body("ok", equalTo(false))
                .body("error.code", equalTo("rate_limited"))
                .body("error.message", containsString("try again"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After within the period: " + retryAfter);
        assertEquals(0, Fakes.clerk().requestCount(), "nothing reached Clerk's Backend API");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "nothing reached Dub");
        assertEquals(jwksFetches, Fakes.clerkFrontend().getAllServeEvents().size(), "nor Clerk's keys");
    }

    @Test
    void otherAddressesAndGoodTokensAreNotCounted() {
        String junk = session().signedBy(SessionTokens.otherKeys()).sign();
        for (int i = 0; i < FAILURES; i++) {
            from("198.51.100.8", junk).post(PATH).then().statusCode(401);
        }
        from("198.51.100.8", session().sign()).post(PATH).then().statusCode(429);
        from("198.51.100.9", session().sign()).post(PATH).then().statusCode(200);
        // An address whose tokens are good spends nothing, however often it calls.
        for (int i = 0; i < 2 * FAILURES; i++) {
            from("198.51.100.10", session().sign()).post(PATH).then().statusCode(200);
        }
    }

    private static RequestSpecification from(String address, String token) {
        return withBearer(token).header("X-Forwarded-For", address);
    }
}
