package app.clerkdub.lead.quota;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import app.clerkdub.web.KeyedLimits;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import app.clerkdub.web.QuotaConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a caller may spend of Clerk's and Dub's quota through the lead flow: nothing once the user is
 * known to be tracked, and a few runs per user per period otherwise; and how many runs may be under way
 * at once. Every map here is bounded, so a flood of users cannot fill the heap.
 * <p>
 * The tracked record's shape (size-bounded, expiring after write) is Caffeine's {@code SSMSW} with nodes
 * {@code PSWMS}, which Caffeine loads by name: registered for the native image (see {@code KeyedLimits}).
 */
@ApplicationScoped
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" })
public class FlowQuota {
    private final Cache<String, Boolean> tracked;
    private final KeyedLimits runs;
    /** The runs under way: a Resilience4j bulkhead that never queues, so that a new run past it is refused. */
    private final Bulkhead inFlight;

    FlowQuota(QuotaConfig quota, MeterRegistry registry) {
        this.tracked = Caffeine.newBuilder().maximumSize(quota.trackedUsers()).expireAfterWrite(quota.trackedFor())
                .build();
        this.runs = new KeyedLimits(quota.userRuns(), quota.period(), quota.maxKeys());
        this.inFlight = Bulkhead.of("lead_runs", BulkheadConfig.custom()
                .maxConcurrentCalls(quota.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
        KeyedLimits.entriesGauge(registry, "tracked_users", tracked, cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        });
        runs.gauge(registry, "user_budgets");
    }

    /** Whether this instance has seen the user tracked lately: a stale token's call needs no upstream then. */
    public boolean knownTracked(String userId) {
        return tracked.getIfPresent(userId) != null;
    }

    /** The user's metadata now records a click (a run ended well). */
    public void tracked(String userId) {
        tracked.put(userId, Boolean.TRUE);
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
