package app.clerkdub.platform.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} (or {@code X-RateLimit-Reset}) value in each form the upstreams use:
 * Clerk sends delta seconds, Dub sends an epoch time in milliseconds in both headers, and RFC 9110
 * also allows an HTTP date.
 */
public final class RetryAfter {
    /** Numbers above this are epoch milliseconds (year 1973 onwards); below it, delta seconds. */
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            long number = Long.parseLong(trimmed);
            if (number < 0) {
                return Optional.empty();
            }
            if (number > EPOCH_MILLIS_THRESHOLD) {
                return Optional.of(nonNegative(Duration.ofMillis(number - clock.millis())));
            }
            return Optional.of(Duration.ofSeconds(number));
        } catch (NumberFormatException notANumber) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(nonNegative(Duration.ofMillis(at.toInstant().toEpochMilli() - clock.millis())));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The first header that holds a readable value wins. */
    public static Optional<Duration> fromHeaders(Clock clock, String... values) {
        for (String value : values) {
            Optional<Duration> parsed = parse(value, clock);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
