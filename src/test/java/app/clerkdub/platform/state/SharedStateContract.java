package app.clerkdub.platform.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import app.clerkdub.platform.state.SharedState.Begin;
import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.platform.state.SharedState.Done;
import app.clerkdub.platform.state.SharedState.End;
import app.clerkdub.platform.state.SharedState.Idle;
import app.clerkdub.platform.state.SharedState.Limited;
import app.clerkdub.platform.state.SharedState.Running;
import app.clerkdub.platform.state.SharedState.Start;
import app.clerkdub.platform.state.SharedState.Taken;
import app.clerkdub.platform.state.SharedState.Tracked;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import app.clerkdub.platform.state.SharedState.Want;
import io.smallrye.mutiny.Uni;

/**
 * What every adapter of {@link SharedState} does, the same for the memory of one instance and for Redis: each
 * decision all or nothing, budgets whole again when their period ends, one claim per user at a time, a tracked
 * record that answers before anything else. Each test uses keys of its own.
 */
abstract class SharedStateContract {
    static final Duration LONG = Duration.ofMinutes(1);
    static final Duration LEASE = Duration.ofSeconds(30);

    /** The adapter under test. */
    abstract SharedState state();

    static <T> T now(Uni<T> decision) {
        return decision.await().atMost(Duration.ofSeconds(5));
    }

    static String key() {
        return "k_" + UUID.randomUUID();
    }

    static Start signUp(String user, String owner, Optional<Budget> runs) {
        return new Start(user, owner, LEASE, true, runs);
    }

    static End ended(String user, String owner, String recorded, String outcome) {
        return new End(user, owner, Optional.ofNullable(recorded), LONG, Optional.ofNullable(outcome), LONG);
    }

    @Test
    void aBudgetGivesItsUnitsThenRefusesWithTheWaitAndTakesNothingMore() {
        Budget budget = new Budget("user_budgets", 3, LONG);
        String key = key();
        assertEquals(Optional.empty(), now(state().take(List.of(new Want(budget, key, 2)))));
        assertEquals(Optional.empty(), now(state().take(List.of(new Want(budget, key, 1)))));
        Optional<Duration> refused = now(state().take(List.of(new Want(budget, key, 1))));
        assertTrue(refused.isPresent() && refused.get().compareTo(LONG) <= 0
                && refused.get().compareTo(Duration.ofSeconds(50)) > 0, "waits " + refused);
        assertEquals(refused.isPresent(), now(state().exhausted(budget, key)).isPresent());
    }

    @Test
    void severalBudgetsAreTakenAllOrNone() {
        Budget clerk = new Budget(UpstreamBudgets.BUDGET, 10, LONG);
        Budget dub = new Budget(UpstreamBudgets.BUDGET, 1, LONG);
        String clerkKey = "clerk_" + key(), dubKey = "dub_" + key();
        List<Want> lead = List.of(new Want(clerk, clerkKey, 2), new Want(dub, dubKey, 1));
        assertEquals(Optional.empty(), now(state().take(lead)));
        assertTrue(now(state().take(lead)).isPresent(), "Dub's budget is spent");
        // The refusal took nothing of Clerk's: 8 units are left, not 6.
        assertEquals(Optional.empty(), now(state().take(List.of(new Want(clerk, clerkKey, 8)))));
        assertTrue(now(state().take(List.of(new Want(clerk, clerkKey, 1)))).isPresent());
    }

    @Test
    void spendingCountsPastTheLimitAndTheBudgetIsWholeAgainWhenItsPeriodEnds() {
        Budget budget = new Budget("client_budgets", 2, Duration.ofMillis(400));
        String key = key();
        assertEquals(Optional.empty(), now(state().exhausted(budget, key)));
        now(state().spend(budget, key));
        assertEquals(Optional.empty(), now(state().exhausted(budget, key)));
        now(state().spend(budget, key));
        now(state().spend(budget, key));
        assertTrue(now(state().exhausted(budget, key)).isPresent());
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> now(state().exhausted(budget, key)).isEmpty());
        assertEquals(Optional.empty(), now(state().take(List.of(new Want(budget, key, 2)))));
    }

    @Test
    void oneClaimPerUserUntilItEndsAndItsOutcomeIsToldToThoseWhoWaited() {
        String user = key();
        assertInstanceOf(Idle.class, now(state().flight(user)));
        assertInstanceOf(Claimed.class, now(state().begin(signUp(user, "a", Optional.empty()))));
        assertInstanceOf(Taken.class, now(state().begin(signUp(user, "b", Optional.empty()))));
        assertInstanceOf(Running.class, now(state().flight(user)));
        // Only the owner ends it.
        now(state().end(ended(user, "b", null, "lead|tracked")));
        assertInstanceOf(Running.class, now(state().flight(user)));
        now(state().end(ended(user, "a", null, "lead|tracked")));
        assertEquals(new Done("lead|tracked"), now(state().flight(user)));
        assertInstanceOf(Claimed.class, now(state().begin(signUp(user, "c", Optional.empty()))));
        now(state().end(ended(user, "c", null, null)));
        assertInstanceOf(Idle.class, now(state().flight(user)));
    }

    @Test
    void aTrackedRecordAnswersASignUpFirstButNotAQualification() {
        String user = key();
        Budget runs = new Budget("user_budgets", 1, LONG);
        assertInstanceOf(Claimed.class, now(state().begin(signUp(user, "a", Optional.of(runs)))));
        now(state().end(ended(user, "a", "clk_1", "lead|tracked")));
        assertEquals(new Tracked("clk_1"), now(state().begin(signUp(user, "b", Optional.of(runs)))));
        assertInstanceOf(Claimed.class, now(state().begin(new Start(user, "q", LEASE, false, Optional.empty()))));
    }

    @Test
    void aUserPastTheBudgetOfRunsIsLimitedAndNothingIsClaimed() {
        String user = key();
        Budget runs = new Budget("user_budgets", 2, LONG);
        for (String owner : List.of("a", "b")) {
            assertInstanceOf(Claimed.class, now(state().begin(signUp(user, owner, Optional.of(runs)))));
            now(state().end(ended(user, owner, null, null)));
        }
        Begin third = now(state().begin(signUp(user, "c", Optional.of(runs))));
        assertInstanceOf(Limited.class, third);
        assertTrue(((Limited) third).retryAfter().compareTo(LONG) <= 0);
        assertInstanceOf(Idle.class, now(state().flight(user)));
    }

    @Test
    void aClaimWhoseOwnerVanishedIsOverWhenItsLeasePasses() {
        String user = key();
        now(state().begin(new Start(user, "gone", Duration.ofMillis(300), true, Optional.empty())));
        assertInstanceOf(Taken.class, now(state().begin(signUp(user, "b", Optional.empty()))));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> now(state().flight(user)) instanceof Idle);
        assertInstanceOf(Claimed.class, now(state().begin(signUp(user, "b", Optional.empty()))));
    }

    @Test
    void ofManyConcurrentBeginsForOneUserExactlyOneIsClaimed() throws Exception {
        String user = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Begin>> begins = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String owner = "o" + i;
                begins.add(() -> now(state().begin(signUp(user, owner, Optional.empty()))));
            }
            long claimed = 0;
            for (Future<Begin> begin : pool.invokeAll(begins)) {
                claimed += begin.get() instanceof Claimed ? 1 : 0;
            }
            assertEquals(1, claimed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedUserIsRecordedForAWhile() {
        String user = key();
        assertEquals(false, now(state().isErased(user)));
        now(state().markErased(user, Duration.ofMillis(400)));
        assertEquals(true, now(state().isErased(user)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !now(state().isErased(user)));
    }
}
