package app.clerkdub;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An instance that cannot load the token keys is alive but not ready, and says why. */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(NotReadyTest.UnreachableJwks.class)
class NotReadyTest {

    public static class UnreachableJwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.clerk-frontend.url", "http://127.0.0.1:9/nowhere");
        }
    }

    @Test
    void unreachableJwksMeansNotReadyButAlive() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Clerk session-token keys' }.data.reason",
                        containsString("could not be loaded"));
    }
}
