package app.clerkdub.clerk.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.fakes.TestProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An instance that cannot reach Clerk's JWKS is alive but not ready, says why, and answers callers
 * 503 (Clerk is unavailable) rather than blaming their token or failing with a 500.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.Degraded.class)
class NotReadyTest {
    static final String UNREACHABLE = TestProfiles.Degraded.JWKS;

    @Test
    void unreachableJwksMeansNotReadyButAlive() {
        app.clerkdub.fakes.Requests.management().get("/health/live").then().statusCode(200);
        app.clerkdub.fakes.Requests.management().get("/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Clerk session-token keys' }.data.reason",
                        containsString("could not be loaded"));
    }

    @Test
    void callersGet503WhileTheKeysCannotBeLoaded() {
        Fakes.reset();
        given().header("Authorization", "Bearer " + SessionTokens.session().claim("iss", UNREACHABLE).sign())
                .post("/api/track-lead").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("ok", equalTo(false))
                .body("error.code", equalTo("clerk_unavailable"));
        assertEquals(0, Fakes.clerk().requestCount());
    }
}
