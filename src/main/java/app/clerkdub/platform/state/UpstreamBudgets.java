package app.clerkdub.platform.state;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.platform.state.SharedState.Want;
import io.smallrye.mutiny.Uni;
import app.clerkdub.platform.state.SharedState.Budget;

/**
 * The app-wide budgets of Clerk's Backend API and Dub's API, shared by the fleet through {@link SharedState}: Dub
 * limits each API key per minute and Clerk each instance per 10 s, whichever of the service's instances calls. A
 * flow takes what it needs of both before its first call, so that it never stops half-way for want of budget; a
 * retry is counted as it happens, never refused.
 */
@ApplicationScoped
public class UpstreamBudgets {
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
