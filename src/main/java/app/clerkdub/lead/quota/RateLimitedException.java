package app.clerkdub.lead.quota;

import java.time.Duration;

import app.clerkdub.upstream.KeyedLimits;

/** The user has started as many flows as the period allows; answered 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super("Too many calls for this user; try again in " + KeyedLimits.retryAfterSeconds(retryAfter) + " s",
                null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
