package app.clerkdub.lead;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.platform.state.BusyException;
import app.clerkdub.platform.state.QuotaConfig;
import app.clerkdub.platform.state.SharedState;
import app.clerkdub.platform.state.SharedState.Begin;
import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.CallerContext;
import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.platform.state.SharedState.Done;
import app.clerkdub.platform.state.SharedState.End;
import app.clerkdub.platform.state.SharedState.Idle;
import app.clerkdub.platform.state.SharedState.Running;
import app.clerkdub.platform.state.SharedState.Start;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.smallrye.mutiny.Uni;

/**
 * The one run per user on this instance, for sign-ups and qualifications alike: the requests and events for a user
 * that overlap here share the run of their kind (one Dub request, one metadata write); a run of the other kind waits
 * for the one under way to end, then starts afresh and reads what it wrote. A run leaves the user's slot when it
 * ends. Across instances the run is one too: the work claims the user in the shared state before its first call
 * ({@link UserFlights}). Only user ids are kept, and only while a run is under way.
 */
@ApplicationScoped
public class UserRuns {
    /** What a run does for the user. */
    public enum Kind {
        SIGN_UP,
        QUALIFICATION
    }

    private final Map<String, Run<?>> users = new ConcurrentHashMap<>();

    /**
     * The user's run of this kind: the one under way, joined, or {@code work} started once the user's slot is free.
     * A run goes on to its end even when every caller stops waiting (a deadline, a closed tab), so what Dub accepted
     * is always recorded on the user. Each caller hears the outcome on its own context.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(String userId, Kind kind, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Run<?> underWay = users.get(userId);
            if (underWay != null) {
                return underWay.kind == kind ? CallerContext.resumeOnCaller((Uni<T>) underWay.result)
                        : CallerContext.resumeOnCaller(underWay.ended()).flatMap(ignored -> once(userId, kind, work));
            }
            Run<T> mine = new Run<>(userId, kind, work);
            if (users.putIfAbsent(userId, mine) != null) {
                return once(userId, kind, work); // another got there first: join it, or wait for it
            }
            // Started here, not by the callers' subscriptions: cancelling them never stops the run.
            mine.result.subscribe().with(result -> { }, failure -> { });
            return CallerContext.resumeOnCaller(mine.result);
        });
    }

    /** The user's run under way, if any, to its end, however it ends. */
    public Uni<Void> underWay(String userId) {
        Run<?> run = users.get(userId);
        return run == null ? Uni.createFrom().voidItem() : run.ended();
    }

    private final class Run<T> {
        final Kind kind;
        final Uni<T> result;

        Run(String userId, Kind kind, Supplier<Uni<T>> work) {
            this.kind = kind;
            // The slot holds the run that ends, since a run starts only once it is in the slot.
            this.result = Uni.createFrom().deferred(work::get).onTermination().invoke(() -> users.remove(userId, this))
                    .memoize().indefinitely();
        }

        Uni<Void> ended() {
            return result.onItemOrFailure().transformToUni((item, failure) -> Uni.createFrom().voidItem());
        }
    }

    /**
     * One run per user across the fleet, sign-ups and qualifications alike: a run claims the user in
     * {@link SharedState} before its first upstream call and ends the claim with its outcome; a run that finds another
     * under way (on this instance or another) waits for its end and learns its outcome. A sign-up's run spends the user's
     * budget of runs per period (kept in the shared state, so the fleet counts them as one), and is let in only while
     * this instance has fewer runs under way than it allows, which guards its own memory.
     * <p>
     * The users deleted in Clerk lately, whose Dub customer is being or was erased, are kept here too, so that every
     * instance knows: a sign-up or an update of theirs that arrives late (a delivery retried, a request under way on
     * another instance) sends nothing to Dub, so that it cannot make the customer again. Only user ids are kept, and only
     * for a while: two days cover Svix's retries of a sign-up (about a day and a half); past them, Clerk answers 404 for
     * the user, which every flow reads first.
     */
    @ApplicationScoped
    public static class UserFlights {
        /**
         * How long a claim holds when its instance vanishes mid-run (a Lambda environment frozen or recycled): longer
         * than any run takes (three upstream calls, each retried for at most a few seconds), short enough that the
         * user's next call soon runs.
         */
        static final Duration LEASE = Duration.ofSeconds(30);
        /** How long a run's outcome stays for the runs that wait for it; they look at least every {@link #MAX_POLL}. */
        static final Duration OUTCOME_KEPT = Duration.ofSeconds(10);
        static final Duration FIRST_POLL = Duration.ofMillis(20);
        static final Duration MAX_POLL = Duration.ofMillis(250);
        static final Duration ERASED_REMEMBERED_FOR = Duration.ofDays(2);

        private final SharedState state;
        /** How long the fleet answers a tracked user from its record ({@code quota.tracked-for}). */
        private final Duration trackedFor;
        /** The runs under way here: a Resilience4j bulkhead that never queues, so that a new run past it is refused. */
        private final Bulkhead inFlight;
        private final Budget runs;

        UserFlights(SharedState state, QuotaConfig config) {
            this.state = state;
            this.trackedFor = config.trackedFor();
            this.inFlight = Bulkhead.of("lead_runs", BulkheadConfig.custom()
                    .maxConcurrentCalls(config.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
            this.runs = new Budget("user_budgets", config.userRuns(), config.period());
        }

        /**
         * Lets a new sign-up's run start here, or refuses it with {@link BusyException} when as many runs as allowed are
         * under way. A run let in must tell {@link #runEnded()}.
         */
        public void admitRun() {
            if (!inFlight.tryAcquirePermission()) {
                throw new BusyException();
            }
        }

        /** A run let in by {@link #admitRun} ended, however. */
        public void runEnded() {
            inFlight.onComplete();
        }

        /**
         * A sign-up's run begins: answered from the tracked record, refused past the user's budget of runs, waiting for
         * another run, or claimed.
         */
        public Uni<Begin> beginSignUp(String userId) {
            return state.begin(new Start(userId, owner(), LEASE, true, Optional.of(runs)));
        }

        /** A qualification's run begins: waiting for another run, or claimed (it spends no budget of runs). */
        public Uni<Begin> beginQualification(String userId) {
            return state.begin(new Start(userId, owner(), LEASE, false, Optional.empty()));
        }

        /**
         * Ends a claimed run: {@code recorded} is what the user's metadata now says of the lead, when the run
         * recorded it; {@code outcome} is what the runs that waited for it answer.
         */
        public Uni<Void> end(String userId, Claimed claim, Optional<String> recorded, Optional<String> outcome) {
            return state.end(new End(userId, claim.owner(), recorded, trackedFor, outcome, OUTCOME_KEPT));
        }

        /**
         * Waits for a run under way for the user, on this instance or another, to end, however it ends; at once when
         * there is none.
         */
        public Uni<Void> settled(String userId) {
            return state.flight(userId).flatMap(flight -> flight instanceof Running
                    ? awaitEnd(userId).replaceWithVoid() : Uni.createFrom().voidItem());
        }

        /**
         * Waits for the user's run under way to end: its outcome, or empty when it ended with none to tell (it failed,
         * or its lease passed).
         */
        public Uni<Optional<String>> awaitEnd(String userId) {
            return Uni.createFrom().deferred(() -> CallerContext.resumeOnCaller(
                    poll(userId, FIRST_POLL, System.nanoTime() + LEASE.toNanos())));
        }

        private Uni<Optional<String>> poll(String userId, Duration wait, long giveUpAt) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                    .flatMap(ignored -> state.flight(userId))
                    .flatMap(flight -> {
                        if (flight instanceof Done done) {
                            return Uni.createFrom().item(Optional.of(done.outcome()));
                        }
                        if (flight instanceof Idle || System.nanoTime() - giveUpAt > 0) {
                            return Uni.createFrom().item(Optional.<String>empty());
                        }
                        Duration next = wait.multipliedBy(2);
                        return poll(userId, next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next, giveUpAt);
                    });
        }

        private static String owner() {
            return UUID.randomUUID().toString();
        }

        /** Records that the user is deleted; done before their customer is erased at Dub. */
        public Uni<Void> markErased(String userId) {
            return state.markErased(userId, ERASED_REMEMBERED_FOR);
        }

        /** Whether the user was recorded as deleted lately. */
        public Uni<Boolean> isErased(String userId) {
            return state.isErased(userId);
        }
    }
}
