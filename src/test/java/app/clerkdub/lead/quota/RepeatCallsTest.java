package app.clerkdub.lead.quota;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.TestProfiles;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Repeat calls are free, and a user cannot spend the app's quota: a user seen tracked is answered from
 * memory, a user starts at most {@code quota.user-runs} flows per period, and at most
 * {@code quota.max-in-flight} flows run at once. Each test has users of its own, since the budgets last
 * the whole profile.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
@TestProfile(TestProfiles.TightLimits.class)
class RepeatCallsTest {
    static final int USER_RUNS = TestProfiles.TightLimits.USER_RUNS;

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
        Fakes.dub().givenLeadTracked();
    }

    @Test
    void staleTokenReplayedFiftyTimesAfterTrackingCostsNoClerkRead() {
        String user = "user_replay_after_mark";
        Fakes.clerk().givenUser(ClerkUser.named(user));
        // Minted before the mark, as a token up to a minute old is: its metadata says nothing.
        String stale = session().subject(user).sign();
        withBearer(stale).cookie("dub_id", "clk_replay").post(PATH).then().statusCode(200)
                .body("status", equalTo("tracked"));
        assertEquals(1, Fakes.clerk().userReads().size());

        for (int i = 0; i < 50; i++) {
            // Answered from this instance's memory, which knows the click it recorded: the cookie is spent.
            withBearer(stale).cookie("dub_id", "clk_replay").post(PATH).then().statusCode(200)
                    .body("status", equalTo("already_tracked"))
                    .header("Set-Cookie", startsWith("dub_id=; Path=/; Max-Age=0"));
        }
        assertEquals(1, Fakes.clerk().userReads().size(), "the replays asked Clerk nothing");
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
        assertEquals(1, Fakes.dub().leads().size());
    }

    @Test
    void fiftyCallsForAUserWhoseRecordSaysTrackedMakeOneClerkRead() {
        String user = "user_replay_after_read";
        Fakes.clerk().givenUser(ClerkUser.named(user).withMetadata(Map.of("dubClickId", "clk_earlier")));
        String stale = session().subject(user).sign();

        for (int i = 0; i < 50; i++) {
            withBearer(stale).post(PATH).then().statusCode(200).body("status", equalTo("already_tracked"));
        }
        assertEquals(1, Fakes.clerk().userReads().size(), "at most one Clerk read for 50 calls");
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void userOverTheLimitGets429WithRetryAfterAndNoUpstreamCall() {
        String user = "user_gone_from_clerk";
        Fakes.clerk().givenGetUserAnswers(user, ClerkFake.userNotFound(user));
        String token = session().subject(user).sign();
        for (int i = 0; i < USER_RUNS; i++) {
            withBearer(token).post(PATH).then().statusCode(404).body("error.code", equalTo("user_not_found"));
        }
        assertEquals(USER_RUNS, Fakes.clerk().userReads().size());

        Response refused = withBearer(token).post(PATH);
        refused.then().statusCode(429)
                .contentType("application/json")
                .body("ok", equalTo(false))
                .body("error.code", equalTo("rate_limited"))
                .body("error.message", containsString("try again"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After within the period: " + retryAfter);
        assertEquals(USER_RUNS, Fakes.clerk().userReads().size(), "the refused call reached no upstream");
        assertEquals(0, Fakes.dub().leads().size());

        String other = "user_unaffected";
        Fakes.clerk().givenUser(ClerkUser.named(other));
        withBearer(session().subject(other).sign()).post(PATH).then().statusCode(200)
                .body("status", equalTo("no_click"));
    }

    @Test
    void aSignUpWebhookForAUserOverTheLimitIs429SoSvixTriesAgainLater() {
        String user = "user_webhook_over_budget";
        Fakes.clerk().givenGetUserAnswers(user, ClerkFake.userNotFound(user));
        String token = session().subject(user).sign();
        for (int i = 0; i < USER_RUNS; i++) {
            withBearer(token).post(PATH).then().statusCode(404);
        }
        ObjectNode signUp = ClerkWebhooks.example("user.created");
        ((ObjectNode) signUp.get("data")).put("id", user).putObject("unsafe_metadata").put("dubClickId", "clk_hook");

        ClerkWebhooks.deliver(signUp, ClerkWebhooks.newMessageId()).then().statusCode(429)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("rate_limited"));
        assertEquals(USER_RUNS, Fakes.clerk().userReads().size(), "the delivery reached no upstream");
        assertEquals(0, Fakes.dub().leads().size());
    }

    @Test
    void aNewUserWhileTheMostFlowsRunIsAnswered503BusyWithoutAnUpstreamCall() {
        String slow = "user_slow_flow";
        String waiting = "user_waiting";
        Fakes.clerk().givenGetUserAnswers(slow,
                ClerkFake.error(404, "resource_not_found", "No user").withFixedDelay(800));
        Fakes.clerk().givenUser(ClerkUser.named(waiting));
        // Under the test read timeout (1 s): the slow flow ends with its answer, not a retry.
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> withBearer(session().subject(slow).sign()).post(PATH));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fakes.clerk().userReads().size() == 1);

        withBearer(session().subject(waiting).sign()).post(PATH).then().statusCode(503)
                .body("error.code", equalTo("busy"))
                .header("Retry-After", equalTo("1"));
        assertEquals(1, Fakes.clerk().userReads().size(), "only the running flow's read reached Clerk");
        assertEquals(404, first.join().statusCode());
    }
}
