package app.clerkdub.platform.state;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The fleet's shared state: where it lives is Quarkus' own switch, {@code quarkus.redis.hosts}
 * ({@code QUARKUS_REDIS_HOSTS}); unset, each instance keeps it in memory.
 */
@RegisterForReflection
@ConfigMapping(prefix = "state")
public interface StateConfig {
    /** Put before every key, so that several services (or stages) can share one Redis. */
    @WithDefault("clerk-dub-leads:")
    String keyPrefix();

    /**
     * The longest a decision waits for Redis before this instance decides from its own memory. A same-region
     * Redis answers in about a millisecond and a cross-region one (Upstash from Lambda) in tens; a decision made
     * in memory gives up the fleet's guarantees, so the wait also rides out a cold start or a pause on either
     * side. A Redis that does not answer at all costs at most one such wait a second per instance: the other
     * decisions go to memory at once. A refused connection is not waited for.
     */
    @WithDefault("1s")
    @DurationMin(inclusive = false)
    Duration timeout();

}
