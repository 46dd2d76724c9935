package app.clerkdub.upstream;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How hard the upstream calls try; the same for every upstream operation (see {@link UpstreamGuard}). */
@ConfigMapping(prefix = "upstream")
public interface UpstreamConfig {
    /** Longest {@code Retry-After} worth waiting for inside one request; beyond it the caller hears at once. */
    @WithDefault("2s")
    Duration maxRetryAfter();

    /** Tries after the first one, for a failure that may pass. */
    @WithDefault("2")
    int retries();

    /** How many of an operation's latest calls its circuit breaker weighs; half of them failing opens it. */
    @WithDefault("10")
    int circuitWindow();
}
