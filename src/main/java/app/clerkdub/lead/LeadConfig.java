package app.clerkdub.lead;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the lead endpoint itself. */
@ConfigMapping(prefix = "lead")
public interface LeadConfig {
    /**
     * The most one request may take, retries included. Past it the caller gets 504; nothing is lost,
     * because a user is only marked once Dub holds the lead, and Dub dedups the next attempt.
     */
    @WithDefault("10s")
    Duration deadline();

    /**
     * How many users this instance remembers as tracked (it marked them, or read their mark), so that a
     * repeat call with a session token minted before the mark is answered without asking Clerk. Only user
     * ids are kept; the least recently marked are forgotten first.
     */
    @WithDefault("50000")
    int trackedUsers();

    /**
     * How long a tracked user is remembered: at least a session token's life (60 s) plus the leeway (5 s),
     * after which every token carries the mark itself.
     */
    @WithDefault("10m")
    Duration trackedFor();

    /** The most users whose flow may run at once; past it a new user is answered 503 with Retry-After. */
    @WithDefault("2000")
    int maxInFlight();
}
