package app.clerkdub.platform.upstream;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How hard the upstream calls try; the same for every upstream operation (see {@link UpstreamCalls.UpstreamGuard}). */
@RegisterForReflection
@ConfigMapping(prefix = "upstream")
public interface UpstreamConfig {
    /** Longest {@code Retry-After} worth waiting for inside one request; beyond it the caller hears at once. */
    @WithDefault("2s")
    @DurationMin
    Duration maxRetryAfter();

    /** Tries after the first one, for a failure that may pass. */
    @WithDefault("2")
    @Min(0)
    int retries();

    /**
     * The fewest calls of an operation within {@link #circuitPeriod()} before its circuit breaker judges;
     * then half of them failing (unavailable: no connection, a timeout, a 5xx) opens it.
     */
    @WithDefault("10")
    @Min(1)
    int circuitWindow();

    /** How far back the circuit breaker looks (whole seconds): older failures stop counting. */
    @WithDefault("60s")
    @DurationMin(inclusive = false)
    Duration circuitPeriod();
}
