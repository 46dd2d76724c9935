package app.clerkdub.platform.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Fixed histogram buckets on the two latency timers, so that a backend computes p50 and p99 across instances
 * ({@code histogram_quantile} over {@code _bucket}): {@code http.server.requests} (Quarkus' timer of every
 * request to the public port) and {@code upstream.calls} (each Clerk and Dub call, retries included).
 * <p>
 * Fixed boundaries (service-level objectives, in Micrometer's terms) rather than Micrometer's percentile
 * histogram: a dozen series per timer instead of about seventy, and the same edges on every instance. They run
 * from 5 ms to the request's default deadline of 10 s. Quarkus applies every {@link MeterFilter} bean to its
 * registries before any meter registers.
 */
@Singleton
public class LatencyBuckets {
    /** The timers that get buckets, by their Micrometer names. */
    static final Set<String> TIMERS = Set.of("http.server.requests", "upstream.calls");
    /** The upper edges of the buckets, in milliseconds; Prometheus adds {@code +Inf}. */
    static final long[] EDGES_MILLIS = { 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000 };

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        // A timer's objectives are in nanoseconds, its base unit inside Micrometer.
        double[] edges = Arrays.stream(EDGES_MILLIS)
                .mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMERS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(edges).build().merge(config);
            }
        };
    }
}
