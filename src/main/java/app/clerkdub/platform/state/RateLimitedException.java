package app.clerkdub.platform.state;

import java.time.Duration;
import app.clerkdub.platform.state.SharedState.Budget;


/** A budget is spent (the user's runs, or the app's upstream requests); answered 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    /** The user has started as many runs as the period allows. */
    public static RateLimitedException userRuns(Duration retryAfter) {
        return new RateLimitedException(retryAfter, "Too many calls for this user");
    }

    RateLimitedException(Duration retryAfter, String what) {
        super(what + "; nothing was sent; try again in " + Budget.retryAfterSeconds(retryAfter) + " s", null, false,
                false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
