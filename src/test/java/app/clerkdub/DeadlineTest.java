package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkFake.User;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
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

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lead.deadline", "300ms", "quarkus.rest-client.dub-api.read-timeout", "5000");
        }
    }

    @Test
    void slowDubGivesTheCaller504AndTheLeadIsStillRecordedWhenDubAnswers() {
        Fakes.reset();
        Fakes.clerk().givenUser(User.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(3_000));

        withBearer(session().sign()).cookie("dub_id", "clk_late").post(PATH)
                .then().statusCode(504)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("upstream_timeout"))
                .header("Set-Cookie", nullValue());
        assertEquals(0, Fakes.clerk().metadataUpdates().size(), "Dub has not answered yet");

        await().atMost(Duration.ofSeconds(15)).until(() -> Fakes.clerk().metadataUpdates().size() == 1);
        assertEquals("{\"public_metadata\":{\"dubClickId\":\"clk_late\"}}",
                Fakes.clerk().metadataUpdates().get(0).getBodyAsString());
        assertEquals(1, Fakes.dub().leads().size());
    }
}
