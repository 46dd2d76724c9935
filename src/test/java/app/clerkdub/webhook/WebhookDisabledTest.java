package app.clerkdub.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.Fakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without CLERK_WEBHOOK_SIGNING_SECRET the service starts as before, and the webhook path is like any unknown one. */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(WebhookDisabledTest.NoSecret.class)
class WebhookDisabledTest {

    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clerk.webhook.signing-secret", "");
        }
    }

    @Test
    void theRouteDoesNotExist() {
        Fakes.reset();
        deliver(ClerkWebhookTest.userCreated("clk_disabled"), newMessageId()).then().statusCode(404)
                .body("error.code", equalTo("not_found"));
        given().get(ClerkWebhooks.PATH).then().statusCode(404);
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }
}
