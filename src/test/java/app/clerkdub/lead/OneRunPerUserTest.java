package app.clerkdub.lead;

import static app.clerkdub.lead.InMemoryWorld.PATIENCE;
import static app.clerkdub.lead.InMemoryWorld.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import app.clerkdub.clerk.LeadState;
import app.clerkdub.dub.InMemoryDub;
import app.clerkdub.fakes.InMemoryApi.Hold;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import app.clerkdub.platform.state.BusyException;
import app.clerkdub.platform.state.RateLimitedException;
import app.clerkdub.platform.state.States;
import app.clerkdub.platform.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

/**
 * The one run per user on an instance ({@link UserRuns}): sign-ups that overlap share it, a qualification waits for
 * the sign-up under way and reads what it wrote; and what a new run may cost (the runs under way here, the user's
 * runs per period). Each overlap is made certain by holding Dub's answer until the test releases it.
 */
class OneRunPerUserTest {
    static final int CALLERS = 10;

    @Test
    void overlappingSignUpsShareOneRunOneLeadOneWriteAndJoinersSpendNoBudget() throws Exception {
        // One run per user per period: the callers that join the run under way must not need another.
        InMemoryWorld world = InMemoryWorld.atSignUp(States.quotas(1, 2000));
        String user = world.user("user_overlap");
        String click = world.click();
        Hold dub = world.dubApi.hold(InMemoryDub.LEADS);
        List<CompletableFuture<SignUpOutcome>> calls = new ArrayList<>();
        calls.add(world.signUp(user, click).subscribeAsCompletionStage());
        dub.arrived().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 1; i < CALLERS; i++) {
            calls.add(world.signUp(user, click).subscribeAsCompletionStage());
        }
        assertFalse(calls.stream().anyMatch(CompletableFuture::isDone), "every caller waits for the run under way");

        dub.release();
        for (CompletableFuture<SignUpOutcome> call : calls) {
            SignUpOutcome outcome = call.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(LeadStatus.TRACKED, outcome.status());
            assertEquals(click, outcome.clickId());
        }
        assertEquals(1, world.dubApi.leadsSent().size(), "one Dub request");
        assertEquals(1, world.clerkApi.userReads(user).size(), "one user read");
        assertEquals(1, world.clerkApi.metadataWrites(user).size(), "one metadata write");
    }

    @Test
    void callersOfOneKindThatOverlapShareOneStartOfTheWorkAndEachHearsItsOutcome() throws Exception {
        UserRuns runs = new UserRuns();
        CompletableFuture<String> answer = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        Supplier<Uni<String>> work = () -> {
            started.incrementAndGet();
            return Uni.createFrom().completionStage(answer);
        };
        CompletableFuture<String> first = runs.once("user_1", UserRuns.Kind.SIGN_UP, work).subscribeAsCompletionStage();
        CompletableFuture<String> second = runs.once("user_1", UserRuns.Kind.SIGN_UP, work).subscribeAsCompletionStage();
        CompletableFuture<String> otherUser = runs.once("user_2", UserRuns.Kind.SIGN_UP, work).subscribeAsCompletionStage();
        assertEquals(2, started.get(), "once per user");

        answer.complete("tracked");
        assertEquals("tracked", first.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("tracked", second.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("tracked", otherUser.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        await(runs.once("user_1", UserRuns.Kind.SIGN_UP, work));
        assertEquals(3, started.get(), "a call after the run ended starts afresh");
    }

    @Test
    void aRunOfTheOtherKindStartsOnlyOnceTheRunUnderWayHasEnded() throws Exception {
        UserRuns runs = new UserRuns();
        CompletableFuture<String> signUp = new CompletableFuture<>();
        AtomicInteger qualifications = new AtomicInteger();
        runs.once("user_1", UserRuns.Kind.SIGN_UP, () -> Uni.createFrom().completionStage(signUp))
                .subscribe().with(ignored -> { }, ignored -> { });
        CompletableFuture<String> qualified = runs.once("user_1", UserRuns.Kind.QUALIFICATION, () -> {
            qualifications.incrementAndGet();
            return Uni.createFrom().item("qualified");
        }).subscribeAsCompletionStage();
        assertEquals(0, qualifications.get(), "it waits for the sign-up under way");

        signUp.completeExceptionally(new IllegalStateException("however the sign-up ends"));
        assertEquals("qualified", qualified.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(1, qualifications.get());
    }

    @Test
    void aQualificationWaitsForTheSignUpUnderWayThenQualifiesWhatItWrote() throws Exception {
        InMemoryWorld world = InMemoryWorld.deferred("organization");
        String user = world.user("user_qualifies_during_sign_up");
        Hold dub = world.dubApi.hold(InMemoryDub.LEADS);
        CompletableFuture<SignUpOutcome> signUp = world.signUp(user, world.click()).subscribeAsCompletionStage();
        dub.arrived().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<QualifyResult> qualified = world.qualification.onOrganizationCreated(user)
                .subscribeAsCompletionStage();
        assertEquals(1, world.clerkApi.userReads(user).size(), "the qualification has not read the user yet");

        dub.release();
        assertEquals(LeadStatus.TRACKED, signUp.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).status());
        assertEquals(QualifyResult.QUALIFIED, qualified.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
                "it read the pending lead the sign-up wrote");
        assertEquals(List.of("deferred", "qualified"), world.dubApi.leadsSent().stream()
                .map(lead -> lead.mode() == null ? "qualified" : lead.mode()).toList());
        assertEquals(1, world.simulation.leads().size());
        assertEquals(LeadState.QUALIFIED.value(), world.publicMetadata(user).get(LeadState.KEY));
    }

    @Test
    void pastTheRunsUnderWayHereAnotherUsersSignUpIsBusyBeforeAnythingIsSent() throws Exception {
        InMemoryWorld world = InMemoryWorld.atSignUp(States.quotas(6, 1));
        String first = world.user("user_running");
        String second = world.user("user_waiting");
        Hold dub = world.dubApi.hold(InMemoryDub.LEADS);
        CompletableFuture<SignUpOutcome> running = world.signUp(first, world.click()).subscribeAsCompletionStage();
        dub.arrived().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        String click = world.click();
        assertThrows(BusyException.class, () -> await(world.signUp(second, click)));
        assertEquals(List.of(), world.clerkApi.userReads(second));

        dub.release();
        assertEquals(LeadStatus.TRACKED, running.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).status());
        assertEquals(LeadStatus.TRACKED, await(world.signUp(second, click)).status(), "the slot is free again");
    }

    @Test
    void pastItsRunsPerPeriodAUsersSignUpIsRateLimitedBeforeAnythingIsSent() {
        InMemoryWorld world = InMemoryWorld.atSignUp(States.quotas(1, 2000));
        String user = world.user("user_retries_too_often");
        String click = world.click();
        world.dubApi.failing(InMemoryDub.LEADS, 503);
        assertThrows(UpstreamException.class, () -> await(world.signUp(user, click)));
        int sent = world.dubApi.sent().size() + world.clerkApi.sent().size();

        world.dubApi.healed();
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> await(world.signUp(user, click)));
        assertTrue(refused.retryAfter().toSeconds() <= 60, "until the period's end: " + refused.retryAfter());
        assertEquals(sent, world.dubApi.sent().size() + world.clerkApi.sent().size(), "nothing sent");
    }
}
