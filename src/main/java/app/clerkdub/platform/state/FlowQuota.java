package app.clerkdub.platform.state;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

/**
 * What a caller may spend of Clerk's and Dub's quota through the lead flow: a few runs per user per period (kept
 * in {@link SharedState}, so the fleet counts them as one, and taken as a run {@link UserFlights#begin begins}),
 * and how many runs may be under way at once on this instance, which guards its own memory.
 */
@ApplicationScoped
public class FlowQuota {
    /** The runs under way: a Resilience4j bulkhead that never queues, so that a new run past it is refused. */
    private final Bulkhead inFlight;
    private final Budget runs;

    FlowQuota(QuotaConfig quota) {
        this.inFlight = Bulkhead.of("lead_runs", BulkheadConfig.custom()
                .maxConcurrentCalls(quota.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
        this.runs = new Budget("user_budgets", quota.userRuns(), quota.period());
    }

    /**
     * Lets a new run start here, or refuses it with {@link BusyException} when as many runs as allowed are under
     * way. A run let in must tell {@link #runEnded()}.
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

    /** The budget of runs each user has per period. */
    Budget userRuns() {
        return runs;
    }
}
