package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static app.clerkdub.api.webhook.ClerkWebhookTest.userCreated;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An {@code already_tracked} answer clears {@code dub_id} when the cookie holds the click already recorded
 * for the user, however the service learns it (the token's metadata claim, Clerk's record), and leaves a
 * different click alone: it may be meant for another account signing up from the same browser.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class SpentClickTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String CLEARED = "dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
            + "Domain=.app.example.com";

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    void afterTheWebhookTrackedTheSignUpTheSpaCallWithTheSameCookieClearsIt() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        deliver(userCreated(CLICK), newMessageId()).then().statusCode(200).body("result", equalTo("tracked"));
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", CLICK)));

        // The SPA's session token was minted before the webhook marked the user: Clerk's record tells.
        withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("already_tracked"))
                .header("Set-Cookie", equalTo(CLEARED));
        assertEquals(1, Fakes.dub().leads().size(), "the click was sent to Dub once, by the webhook");
    }

    @Test
    void aTokenWhoseClaimRecordsTheCookiesClickClearsItWithoutAnyUpstreamCall() {
        withBearer(session().metadata(Map.of("dubClickId", CLICK)).sign()).cookie("dub_id", CLICK).post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("already_tracked"))
                .header("Set-Cookie", equalTo(CLEARED));
        assertEquals(0, Fakes.clerk().requestCount());
    }

    @Test
    void aDifferentClickInTheCookieIsLeftAlone() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID).withMetadata(Map.of("dubClickId", CLICK)));
        withBearer(session().sign()).cookie("dub_id", "clk_another").post(PATH)
                .then().statusCode(200)
                .body("status", equalTo("already_tracked"))
                .header("Set-Cookie", nullValue());
        withBearer(session().metadata(Map.of("dubClickId", "n/a")).sign()).cookie("dub_id", CLICK).post(PATH)
                .then().statusCode(200)
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.dub().leads().size());
    }
}
