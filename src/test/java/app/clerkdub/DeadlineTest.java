package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The request deadline: the caller hears 504 in time, while the flow goes on, so a lead that Dub
 * accepts late is still recorded on the user.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(DeadlineTest.ShortDeadline.class)
class DeadlineTest {
    static final int DUB_DELAY_MS = 4_000;

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lead.deadline", "300ms", "quarkus.rest-client.dub-api.read-timeout", "10000");
        }
    }

    @Test
    void slowDubGivesTheCaller504AndTheLeadIsStillRecordedWhenDubAnswers() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(DUB_DELAY_MS));

        withBearer(session().sign()).cookie("dub_id", "clk_late").post(PATH)
                .then().statusCode(504)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("upstream_timeout"))
                .header("Set-Cookie", nullValue());
        long answeredAt = System.currentTimeMillis();

        await().atMost(Duration.ofSeconds(30)).until(() -> Fakes.clerk().metadataUpdates().size() == 1);
        long dubAnsweredAt = Fakes.dub().leads().get(0).getLoggedDate().getTime() + DUB_DELAY_MS;
        assertTrue(answeredAt < dubAnsweredAt, "the caller had its 504 before Dub answered");
        assertTrue(Fakes.clerk().metadataUpdates().get(0).getLoggedDate().getTime() >= dubAnsweredAt - 50,
                "the user was marked after Dub answered");
        assertEquals("{\"public_metadata\":{\"dubClickId\":\"clk_late\"}}",
                Fakes.clerk().metadataUpdates().get(0).getBodyAsString());
        assertEquals(1, Fakes.dub().leads().size());
    }
}
