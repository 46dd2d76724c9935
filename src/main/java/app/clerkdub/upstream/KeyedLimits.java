package app.clerkdub.upstream;

import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A budget of {@code perPeriod} per key (a user, an address), as a Resilience4j rate limiter per key that never
 * waits: {@code perPeriod} permits per cycle of one period, all of them back when the next cycle starts. The
 * limiters live in a Caffeine cache bounded by size; one untouched for a whole period is in a new cycle, full
 * again, so it is dropped then too and forgetting it loses nothing.
 * <p>
 * Caffeine loads the classes of a cache's shape by name (here size-bounded, expiring after access: the cache
 * {@code SSMSA} and its node {@code PSAMS}), so a native image holds them only when they are registered.
 * {@code NativeReflectionTest} fails when a cache's classes are not named here.
 */
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
public final class KeyedLimits {
    private final RateLimiterConfig config;
    private final long periodNanos;
    private final Cache<String, Budget> budgets;

    /**
     * A key's limiter and when it was made: Resilience4j counts a limiter's cycles from its creation, so the
     * next cycle, when a spent budget is whole again, is known from here.
     */
    private record Budget(RateLimiter limiter, long madeAtNanos) {
        Duration untilRefill(long periodNanos) {
            return Duration.ofNanos(periodNanos - (System.nanoTime() - madeAtNanos) % periodNanos);
        }
    }

    public KeyedLimits(int perPeriod, Duration period, int maxKeys) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(perPeriod)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.periodNanos = period.toNanos();
        this.budgets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /** Spends one unit of the key's budget; when none is left, how long until one is, and nothing is spent. */
    public Optional<Duration> take(String key) {
        Budget budget = budget(key);
        return budget.limiter().acquirePermission() ? Optional.empty()
                : Optional.of(budget.untilRefill(periodNanos));
    }

    /** Spends one unit, if any is left: for counting what already happened. */
    public void spend(String key) {
        budget(key).limiter().acquirePermission();
    }

    /** How long until the key has budget again; empty when it has some now. Spends nothing. */
    public Optional<Duration> exhausted(String key) {
        Budget budget = budgets.getIfPresent(key);
        if (budget == null || budget.limiter().getMetrics().getAvailablePermissions() > 0) {
            return Optional.empty();
        }
        return Optional.of(budget.untilRefill(periodNanos));
    }

    /** How many keys have a budget kept, once evictions due are done. */
    public long keys() {
        budgets.cleanUp();
        return budgets.estimatedSize();
    }

    /** Reports {@link #keys()} as the {@code quota.entries} gauge, tagged with the map's name. */
    public void gauge(MeterRegistry registry, String map) {
        entriesGauge(registry, map, this, KeyedLimits::keys);
    }

    /** The {@code quota.entries} gauge: how many entries one of the bounded maps holds. */
    public static <T> void entriesGauge(MeterRegistry registry, String map, T owner, ToDoubleFunction<T> size) {
        Gauge.builder("quota.entries", owner, size)
                .description("Entries in the bounded in-memory maps: tracked users, per-user and per-address budgets")
                .tag("map", map)
                .register(registry);
    }

    private Budget budget(String key) {
        return budgets.get(key, ignored -> new Budget(RateLimiter.of(key, config), System.nanoTime()));
    }

    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
