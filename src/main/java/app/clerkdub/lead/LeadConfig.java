package app.clerkdub.lead;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the lead endpoint itself. */
@RegisterForReflection
@ConfigMapping(prefix = "lead")
public interface LeadConfig {
    /**
     * The most one request may take, retries included. Past it the caller gets 504; nothing is lost,
     * because a user is only marked once Dub holds the lead, and Dub dedups the next attempt.
     */
    @WithDefault("10s")
    @DurationMin(inclusive = false)
    Duration deadline();
}
