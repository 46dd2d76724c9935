package app.clerkdub.platform.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The state the service's guarantees depend on, behind one port: the budgets, the record of users tracked lately
 * and the one run per user. Each decision is atomic and made in one step (one Redis round trip), so instances that
 * share the state decide as one. Two adapters pass the same contract: {@link MemoryState} (one instance, the
 * default) and {@link RedisState} (a fleet, behind {@link FallbackState}).
 * <p>
 * Only user ids, hashed addresses and upstream names are keys; nothing else about a user, and never a secret,
 * is kept. Beside the port: the app-wide budgets of upstream requests ({@link UpstreamBudgets}), which every flow and
 * every retry spend.
 */
public interface SharedState {
    /** Some units of one key's budget. */
    record Want(Budget budget, String key, int units) {
    }

    /**
     * Takes every want, or none of them; several wants must be keys that may be kept together (the upstreams'
     * budgets). Empty when taken; else how long until all of them could be, and nothing is taken.
     */
    Uni<Optional<Duration>> take(List<Want> wants);

    /** Counts one unit of the key's budget whatever is left: for what already happened (a refusal, a retry). */
    Uni<Void> spend(Budget budget, String key);

    /** How long until the key's budget has a unit again; empty when it has one now. Spends nothing. */
    Uni<Optional<Duration>> exhausted(Budget budget, String key);

    /** What a run for a user asks before it starts. */
    sealed interface Begin {
    }

    /** The user was tracked lately: the record holds what their metadata says. */
    record Tracked(String recorded) implements Begin {
    }

    /** Another run for the user is under way, here or on another instance. */
    record Taken() implements Begin {
    }

    /** The user has spent the budget of runs: how long until it is back. */
    record Limited(Duration retryAfter) implements Begin {
    }

    /** The run is this caller's: it must {@link SharedState#end} it. */
    record Claimed(String owner) implements Begin {
    }

    /** How a run for the user asks to start. */
    record Start(String userId, String owner, Duration lease, boolean answersTracked, Optional<Budget> runs) {
    }

    /**
     * One step: the tracked record first (when {@code answersTracked}), then a run under way, then the user's budget
     * of runs, then the run is claimed for {@code lease} (a run whose instance vanished is over when it passes).
     */
    Uni<Begin> begin(Start start);

    /** How a claimed run ended: the tracked record to keep, and an outcome for the runs that waited for it. */
    record End(String userId, String owner, Optional<String> recorded, Duration trackedFor, Optional<String> outcome,
            Duration outcomeFor) {
    }

    /** Ends the run if it is still the owner's, and records the user as tracked when {@code recorded} says so. */
    Uni<Void> end(End end);

    /** Where a user's run stands, for a caller that waits for another's run. */
    sealed interface Flight {
    }

    /** A run under way. */
    record Running() implements Flight {
    }

    /** A run ended lately, with its outcome. */
    record Done(String outcome) implements Flight {
    }

    /** No run, or one that ended with nothing to tell. */
    record Idle() implements Flight {
    }

    Uni<Flight> flight(String userId);

    /** Records the user as deleted, for {@code keptFor}. */
    Uni<Void> markErased(String userId, Duration keptFor);

    /** Whether the user was recorded as deleted lately. */
    Uni<Boolean> isErased(String userId);

    /**
     * A budget kept per key (a user, a hashed address, an upstream): {@code limit} units per {@code period}. A key's
     * period starts with its first unit and the whole budget is back when it ends, in memory and in Redis alike.
     *
     * @param name what the budget is for, also the {@code quota.entries} gauge's {@code map} tag of its in-memory keys
     */
    public record Budget(String name, int limit, Duration period) {
        /** Whole seconds, at least one, as {@code Retry-After} wants them. */
        public static long retryAfterSeconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }
    }

    /**
     * The app-wide budgets of Clerk's Backend API and Dub's API, shared by the fleet through {@link SharedState}: Dub
     * limits each API key per minute and Clerk each instance per 10 s, whichever of the service's instances calls. A
     * flow takes what it needs of both before its first call, so that it never stops half-way for want of budget; a
     * retry is counted as it happens, never refused.
     */
    @ApplicationScoped
    public static class UpstreamBudgets {
        /** The name of these budgets, also the {@code quota.entries} gauge's tag of their in-memory keys. */
        static final String BUDGET = "upstream_budgets";
        public static final String CLERK = "clerk", DUB = "dub";

        private final SharedState state;
        private final Budget clerk;
        private final Budget dub;

        UpstreamBudgets(SharedState state, ClerkRate clerk, DubRate dub) {
            this.state = state;
            this.clerk = budget(clerk.rateLimit());
            this.dub = budget(dub.rateLimit());
        }

        /**
         * Takes {@code clerkCalls} of Clerk's budget and {@code dubCalls} of Dub's, or nothing: then fails with
         * {@link RateLimitedException}, and nothing may be sent.
         */
        public Uni<Void> reserve(int clerkCalls, int dubCalls) {
            List<Want> wants = new ArrayList<>(2);
            if (clerkCalls > 0) {
                wants.add(new Want(clerk, CLERK, clerkCalls));
            }
            if (dubCalls > 0) {
                wants.add(new Want(dub, DUB, dubCalls));
            }
            return state.take(wants).map(wait -> {
                if (wait.isPresent()) {
                    throw new RateLimitedException(wait.get(), "The app's budget of Clerk and Dub requests is spent");
                }
                return null;
            });
        }

        /** A request beyond what its flow took (a retry): counted, never refused. {@code upstream} is {@link #CLERK} or {@link #DUB}. */
        public Uni<Void> spent(String upstream) {
            return state.spend(CLERK.equals(upstream) ? clerk : dub, upstream);
        }

        private static Budget budget(Rate rate) {
            return new Budget(BUDGET, rate.count(), rate.period());
        }
    }
}
