package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Customers;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The request deadline ({@value TestProfiles.TightLimits#DEADLINE} here): the caller hears 504 in time, while the
 * flow goes on, so a lead that Dub accepts late is still recorded on the user.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.TightLimits.class)
class DeadlineTest {
    /** Twice the deadline. */
    static final int DUB_DELAY_MS = 4_000;
    /** A user of its own: the profile remembers tracked users. */
    static final String USER = "user_late_lead";

    @Test
    void slowDubGivesTheCaller504AndTheLeadIsStillRecordedWhenDubAnswers() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER));
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(DUB_DELAY_MS));

        withBearer(session().subject(USER).sign()).cookie("dub_id", "clk_late").post(PATH)
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
        assertEquals("{\"public_metadata\":{\"dubClickId\":\"clk_late\"},\"private_metadata\":"
                + Customers.privateMetadata(ClerkUser.named(USER)) + "}",
                Fakes.clerk().metadataUpdates().get(0).getBodyAsString());
        assertEquals(1, Fakes.dub().leads().size());
        // The run has ended here too (the profile lets one run at a time): the user is answered from memory.
        await().atMost(Duration.ofSeconds(10)).until(() -> "already_tracked".equals(withBearer(
                session().subject(USER).sign()).post(PATH).then().statusCode(200).extract().path("status")));
    }
}
