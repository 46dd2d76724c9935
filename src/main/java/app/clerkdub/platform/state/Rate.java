package app.clerkdub.platform.state;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * An app-wide rate, written {@code N/period} as the upstreams state their limits: {@code 1200/1m}, {@code 1000/10s}
 * (the period in Quarkus' duration syntax).
 */
public record Rate(int count, Duration period) {
    public static final String RULE = "must be a count and a period, like 1200/1m or 1000/10s";
    /** The form {@link #RULE} asks for: a count above zero, a slash, a period above zero in ms, s, m, h or d. */
    public static final String PATTERN = "\\s*0*[1-9][0-9]*\\s*/\\s*0*[1-9][0-9]*(ms|s|m|h|d)?\\s*";

    /** The value, or {@link IllegalArgumentException} saying the rule. */
    public static Rate parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        try {
            if (slash > 0) {
                int count = Integer.parseInt(text.substring(0, slash).trim());
                Duration period = DurationConverter.parseDuration(text.substring(slash + 1).trim());
                if (count >= 1 && period != null && period.compareTo(Duration.ZERO) > 0) {
                    return new Rate(count, period);
                }
            }
        } catch (IllegalArgumentException notANumber) {
            // refused below, with the rule
        }
        throw new IllegalArgumentException(RULE);
    }
}
