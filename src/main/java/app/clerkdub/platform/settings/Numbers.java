package app.clerkdub.platform.settings;

import java.time.Duration;
import java.util.Map;

import app.clerkdub.platform.state.Rate;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Every number and duration the service reads, with what makes sense for it: a wrong one stops the start
 * with one line naming its variable and the rule, instead of a stack trace (not a number) or a service
 * that answers every request with an error (a limit of zero).
 */
enum Numbers {
    AT_LEAST_ONE("must be a whole number, 1 or more"),
    AT_LEAST_ZERO("must be a whole number, 0 or more"),
    ABOVE_ZERO_DURATION("must be a duration above zero, like 10s, 500ms or 1m"),
    DURATION("must be a duration, 0s or more, like 10s, 500ms or 1m"),
    RATE(Rate.RULE);

    /** Property, and its rule. */
    static final Map<String, Numbers> SETTINGS = Map.ofEntries(
            Map.entry("lead.deadline", ABOVE_ZERO_DURATION),
            Map.entry("upstream.max-retry-after", DURATION),
            Map.entry("upstream.retries", AT_LEAST_ZERO),
            Map.entry("upstream.circuit-window", AT_LEAST_ONE),
            Map.entry("upstream.circuit-period", ABOVE_ZERO_DURATION),
            Map.entry("quota.user-runs", AT_LEAST_ONE),
            Map.entry("quota.client-failures", AT_LEAST_ONE),
            Map.entry("quota.period", ABOVE_ZERO_DURATION),
            Map.entry("quota.max-keys", AT_LEAST_ONE),
            Map.entry("quota.tracked-users", AT_LEAST_ONE),
            Map.entry("quota.tracked-for", DURATION),
            Map.entry("quota.max-in-flight", AT_LEAST_ONE),
            Map.entry("state.timeout", ABOVE_ZERO_DURATION),
            Map.entry("dub.rate-limit", RATE),
            Map.entry("clerk.rate-limit", RATE));

    private final String rule;

    Numbers(String rule) {
        this.rule = rule;
    }

    /** The value, if it keeps this rule; else a refusal naming {@code property}'s variable. */
    void check(String property, String text) {
        if (!holds(text)) {
            throw PastedValue.refused(PastedValue.variable(property), property, rule + " (it is "
                    + PastedValue.shown(text) + ")");
        }
    }

    boolean holds(String text) {
        try {
            return switch (this) {
                case AT_LEAST_ONE -> Integer.parseInt(text) >= 1;
                case AT_LEAST_ZERO -> Integer.parseInt(text) >= 0;
                case ABOVE_ZERO_DURATION -> duration(text).compareTo(Duration.ZERO) > 0;
                case DURATION -> !duration(text).isNegative();
                case RATE -> Rate.parse(text) != null;
            };
        } catch (IllegalArgumentException notANumber) {
            return false;
        }
    }

    private static Duration duration(String text) {
        Duration duration = DurationConverter.parseDuration(text);
        if (duration == null) {
            throw new IllegalArgumentException("empty");
        }
        return duration;
    }
}
