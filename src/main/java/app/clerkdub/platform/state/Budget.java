package app.clerkdub.platform.state;

import java.time.Duration;

/**
 * A budget kept per key (a user, a hashed address, an upstream): {@code limit} units per {@code period}. A key's
 * period starts with its first unit and the whole budget is back when it ends, in memory and in Redis alike.
 *
 * @param name what the budget is for, also the {@code quota.entries} gauge's {@code map} tag of its in-memory keys
 */
public record Budget(String name, int limit, Duration period) {
    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
