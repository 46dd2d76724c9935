package app.clerkdub.platform.state;

import java.time.Duration;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * An app-wide rate, written {@code N/period} as the upstreams state their limits: {@code 1200/1m}, {@code 1000/10s}
 * (the period in Quarkus' duration syntax).
 */
public record Rate(int count, Duration period) {
    public static final String RULE = "must be a count and a period, like 1200/1m or 1000/10s";

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

    /** A rate as the configuration gives it; the value was checked by the same rule while the configuration was built. */
    @RegisterForReflection
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<Rate> {
        @Override
        public Rate convert(String value) {
            return parse(value);
        }
    }
}
