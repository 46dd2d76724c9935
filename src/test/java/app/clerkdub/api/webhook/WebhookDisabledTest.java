package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TestProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Without CLERK_WEBHOOK_SIGNING_SECRET the service starts as before, and the webhook path is like any unknown one.
 * The profile has no secret (and no reachable JWKS, which a webhook does not use).
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.Degraded.class)
class WebhookDisabledTest {

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
