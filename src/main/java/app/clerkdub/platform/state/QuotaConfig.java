package app.clerkdub.platform.state;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much of the app's Clerk and Dub quota one caller may spend. The defaults are far above what an SPA
 * does (it calls once per page load, and a tracked user costs nothing), and far below what would matter
 * to the quotas (Clerk: 1000 Backend API calls per 10 s for the whole app).
 */
@RegisterForReflection
@ConfigMapping(prefix = "quota")
public interface QuotaConfig {
    /** Full flows (runs that read Clerk and may call Dub) one user may start per {@link #period()}. */
    @WithDefault("6")
    @Min(1)
    int userRuns();

    /**
     * Failed authentications (refused session tokens) one client address may make per {@link #period()};
     * past it, every request from the address is answered 429 before its token is looked at.
     */
    @WithDefault("30")
    @Min(1)
    int clientFailures();

    /** The period of both limits; a spent budget is whole again when the next period starts. */
    @WithDefault("1m")
    @DurationMin(inclusive = false)
    Duration period();

    /**
     * How many users, and how many addresses, the limits keep a budget for. Past it the least recently
     * seen are forgotten (their budget starts full again), so a flood of new keys cannot fill the heap.
     */
    @WithDefault("20000")
    @Min(1)
    int maxKeys();

    /**
     * How many users an instance remembers as tracked (it marked them, or read their mark), so that a
     * repeat call with a session token minted before the mark is answered without asking Clerk. Only user
     * ids are kept; the least recently marked are forgotten first.
     */
    @WithDefault("50000")
    @Min(1)
    int trackedUsers();

    /**
     * How long a tracked user is remembered: at least a session token's life (60 s) plus the leeway (5 s),
     * after which every token carries the mark itself.
     */
    @WithDefault("10m")
    @DurationMin
    Duration trackedFor();

    /** The most users whose flows may run at once; past it a new user is answered 503 with Retry-After. */
    @WithDefault("2000")
    @Min(1)
    int maxInFlight();
}
