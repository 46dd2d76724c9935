package app.clerkdub.lead;

import static app.clerkdub.lead.InMemoryWorld.PATIENCE;
import static app.clerkdub.lead.InMemoryWorld.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.InMemoryClerk;
import app.clerkdub.dub.DubClient.DubTrackApi.DubLeadRequest;
import app.clerkdub.dub.InMemoryDub;
import app.clerkdub.fakes.InMemoryApi.Hold;
import app.clerkdub.lead.LeadFlow.UserNotFoundException;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import app.clerkdub.platform.upstream.UpstreamException;
import app.clerkdub.platform.upstream.UpstreamException.Kind;

/**
 * A sign-up's lead with the lead recorded at sign-up: one lead, the user marked only once Dub holds it, and every
 * failure before the mark leaving things as they were for the next attempt, which Dub's dedup makes safe.
 */
class SignUpRulesTest {
    private final InMemoryWorld world = InMemoryWorld.atSignUp();
    private final String user = world.user("user_signup");
    private final String click = world.click();

    @Test
    void aSignUpSendsOneLeadAndMarksTheUserOnlyOnceDubHasIt() throws Exception {
        Hold dub = world.dubApi.hold(InMemoryDub.LEADS);
        CompletableFuture<SignUpOutcome> signUp = world.signUp(user, click).subscribeAsCompletionStage();
        dub.arrived().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(List.of(), world.clerkApi.metadataWrites(user), "nothing written while Dub has not answered");
        assertFalse(world.publicMetadata(user).containsKey(ClickIdMetadata.KEY));

        dub.release();
        SignUpOutcome outcome = signUp.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(LeadStatus.TRACKED, outcome.status());
        assertEquals(new ClickIdMetadata.Click(click), outcome.recorded());
        List<DubLeadRequest> leads = world.dubApi.leadsSent();
        assertEquals(1, leads.size());
        assertEquals(click, leads.get(0).clickId());
        assertEquals(user, leads.get(0).customerExternalId());
        assertEquals("Sign Up", leads.get(0).eventName());
        assertNull(leads.get(0).mode(), "no mode unless DUB_LEAD_MODE is set");
        assertEquals(1, world.simulation.leads().size(), "Dub recorded one lead");
        assertEquals(Map.of(ClickIdMetadata.KEY, click), world.publicMetadata(user));
        assertEquals(1, world.clerkApi.metadataWrites(user).size());
    }

    @Test
    void aDubFailureMarksNothingAndTheNextSignUpSendsTheLead() {
        world.dubApi.failing(InMemoryDub.LEADS, 503);
        UpstreamException failed = assertThrows(UpstreamException.class, () -> await(world.signUp(user, click)));
        assertEquals(Kind.UNAVAILABLE, failed.kind());
        assertEquals(3, world.dubApi.leadsSent().size(), "the first try and the policy's two retries");
        assertEquals(List.of(), world.clerkApi.metadataWrites(user));
        assertEquals(Map.of(), world.publicMetadata(user));

        world.dubApi.healed();
        assertEquals(LeadStatus.TRACKED, await(world.signUp(user, click)).status());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(Map.of(ClickIdMetadata.KEY, click), world.publicMetadata(user));
    }

    @Test
    void aLostAnswerFromDubIsRetriedAndDubsDedupKeepsOneLead() {
        world.dubApi.losingNextAnswer(InMemoryDub.LEADS);
        SignUpOutcome outcome = await(world.signUp(user, click));
        assertEquals(LeadStatus.DUPLICATE, outcome.status(), "the retry finds the lead Dub recorded");
        assertEquals(2, world.dubApi.leadsSent().size());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(Map.of(ClickIdMetadata.KEY, click), world.publicMetadata(user));
    }

    @Test
    void aFailedMarkLeavesTheUserUnmarkedAndTheNextSignUpIsDubsDuplicateThenMarks() {
        world.clerkApi.failing(InMemoryClerk.METADATA, 503);
        UpstreamException failed = assertThrows(UpstreamException.class, () -> await(world.signUp(user, click)));
        assertEquals("Clerk", failed.upstream().displayName());
        assertEquals(1, world.simulation.leads().size(), "Dub has the lead");
        assertEquals(Map.of(), world.publicMetadata(user), "the user is not marked");

        world.clerkApi.healed();
        assertEquals(LeadStatus.DUPLICATE, await(world.signUp(user, click)).status());
        assertEquals(1, world.simulation.leads().size(), "still one lead");
        assertEquals(Map.of(ClickIdMetadata.KEY, click), world.publicMetadata(user));
    }

    @Test
    void anUnknownClickIsSpentAndTheUserMarkedWithNoClick() {
        SignUpOutcome outcome = await(world.signUp(user, "clk_never_made"));
        assertEquals(LeadStatus.UNKNOWN_CLICK, outcome.status(), "Dub's 404 for the click, as the REST client reads it");
        assertEquals(ClickIdMetadata.NoClick.INSTANCE, outcome.recorded());
        assertEquals(Map.of(ClickIdMetadata.KEY, "n/a"), world.publicMetadata(user));
        assertEquals(1, world.dubApi.leadsSent().size(), "a 404 is never retried");
    }

    @Test
    void aSignUpWithoutAClickMarksTheUserAndCostsNoDubCall() {
        assertEquals(LeadStatus.NO_CLICK, await(world.signUp(user, null)).status());
        assertEquals(Map.of(ClickIdMetadata.KEY, "n/a"), world.publicMetadata(user));
        assertEquals(List.of(), world.dubApi.sent());
    }

    @Test
    void aTrackedUserIsAnsweredAlreadyTrackedWithoutAnyCall() {
        await(world.signUp(user, click));
        int clerkCalls = world.clerkApi.sent().size();

        SignUpOutcome again = await(world.signUp(user, world.click()));
        assertEquals(LeadStatus.ALREADY_TRACKED, again.status());
        assertEquals(new ClickIdMetadata.Click(click), again.recorded(), "the first click stays credited");
        assertEquals(clerkCalls, world.clerkApi.sent().size(), "answered from the instance's record of tracked users");
        assertEquals(1, world.dubApi.leadsSent().size());
    }

    @Test
    void aUserClerkNoLongerKnowsIsNotFoundAndNothingIsSent() {
        world.simulation.deleteUser(user);
        assertThrows(UserNotFoundException.class, () -> await(world.signUp(user, click)));
        assertTrue(world.dubApi.sent().isEmpty());
    }
}
