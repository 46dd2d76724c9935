package app.clerkdub.lead.quota;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.upstream.KeyedLimits;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a caller may spend of Clerk's and Dub's quota through the lead flow: a few runs per user per period, and
 * how many runs may be under way at once. Every map here is bounded, so a flood of users cannot fill the heap.
 */
@ApplicationScoped
public class FlowQuota {
    private final KeyedLimits runs;
    /** The runs under way: a Resilience4j bulkhead that never queues, so that a new run past it is refused. */
    private final Bulkhead inFlight;

    FlowQuota(QuotaConfig quota, MeterRegistry registry) {
        this.runs = new KeyedLimits(quota.userRuns(), quota.period(), quota.maxKeys());
        this.inFlight = Bulkhead.of("lead_runs", BulkheadConfig.custom()
                .maxConcurrentCalls(quota.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
        runs.gauge(registry, "user_budgets");
    }

    /**
     * Lets a new run for the user start, or refuses it: with {@link BusyException} when as many runs as allowed
     * are under way, with {@link RateLimitedException} when the user has spent the budget. A run let in must
     * tell {@link #runEnded()}.
     */
    public void admitRun(String userId) {
        if (!inFlight.tryAcquirePermission()) {
            throw new BusyException();
        }
        runs.take(userId).ifPresent(wait -> {
            inFlight.releasePermission();
            throw new RateLimitedException(wait);
        });
    }

    /** A run let in by {@link #admitRun} ended, however. */
    public void runEnded() {
        inFlight.onComplete();
    }
}
