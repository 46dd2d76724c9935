package app.clerkdub.lead.quota;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import app.clerkdub.web.KeyedLimits;
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
    /** User id to the click recorded on the user ({@code n/a} when none was credited). */
    private final Cache<String, String> tracked;
    private final KeyedLimits runs;
    private final int maxInFlight;

    FlowQuota(QuotaConfig quota, MeterRegistry registry) {
        this.tracked = Caffeine.newBuilder().maximumSize(quota.trackedUsers()).expireAfterWrite(quota.trackedFor())
                .build();
        this.runs = new KeyedLimits(quota.userRuns(), quota.period(), quota.maxKeys());
        this.maxInFlight = quota.maxInFlight();
        KeyedLimits.entriesGauge(registry, "tracked_users", tracked, cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        });
        runs.gauge(registry, "user_budgets");
    }

    /**
     * The click recorded on the user, when this instance has seen the user tracked lately: a stale token's
     * call needs no upstream then.
     */
    public Optional<String> trackedClick(String userId) {
        return Optional.ofNullable(tracked.getIfPresent(userId));
    }

    /** The user's metadata now records {@code recordedClick} (a run ended well). */
    public void tracked(String userId, String recordedClick) {
        tracked.put(userId, recordedClick);
    }

    /**
     * Lets a new run for the user start, or refuses it: with {@link BusyException} when {@code inFlight}
     * runs are already under way, with {@link RateLimitedException} when the user has spent the budget.
     */
    public void admitRun(String userId, int inFlight) {
        if (inFlight >= maxInFlight) {
            throw new BusyException();
        }
        runs.take(userId).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }
}
