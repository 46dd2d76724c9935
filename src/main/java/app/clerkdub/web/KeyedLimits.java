package app.clerkdub.web;

import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A budget of {@code perPeriod} per key (a user, an address), as a Bucket4j token bucket that refills
 * steadily over the period. The buckets live in a Caffeine cache bounded by size; a bucket untouched for
 * a whole period is full again, so it is dropped then too and forgetting it loses nothing.
 * <p>
 * Caffeine loads the classes of a cache's shape by name (here size-bounded, expiring after access: the cache
 * {@code SSMSA} and its node {@code PSAMS}), so a native image holds them only when they are registered.
 * {@code NativeReflectionTest} fails when a cache's classes are not named here.
 */
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
public final class KeyedLimits {
    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    public KeyedLimits(long perPeriod, Duration period, int maxKeys) {
        this.limit = Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build();
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /** Spends one unit of the key's budget; when none is left, how long until one is, and nothing is spent. */
    public Optional<Duration> take(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Spends one unit, if any is left: for counting what already happened. */
    public void spend(String key) {
        bucket(key).tryConsume(1);
    }

    /** How long until the key has budget again; empty when it has some now. Spends nothing. */
    public Optional<Duration> exhausted(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How many keys have a budget kept, once evictions due are done. */
    public long keys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
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

    private Bucket bucket(String key) {
        return buckets.get(key, ignored -> Bucket.builder().addLimit(limit).build());
    }

    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
