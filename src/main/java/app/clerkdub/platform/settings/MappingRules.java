package app.clerkdub.platform.settings;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import app.clerkdub.platform.state.Rate;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.WithName;

/**
 * The rules of a mapping's values are the constraints on the mapping itself ({@code @Min} on a whole number,
 * {@code @DurationMin} on a duration; a {@link Rate} keeps its own), which Hibernate Validator checks on the built
 * mapping. They are checked here too, on the text as given, while the configuration is built: a wrong value stops
 * the start with one line naming its variable, the rule and the value, before any bean starts, where the built
 * mapping's check would print a block naming the property, and a value that does not even convert never reaches it.
 */
public final class MappingRules {
    private static final String DURATION_EXAMPLES = "like 10s, 500ms or 1m";

    private MappingRules() {
    }

    /** A rule in words, and whether a value as given keeps it. */
    record Rule(String words, Predicate<String> holds) {
        void check(String property, String text) {
            if (!holds.test(text)) {
                throw PastedValue.refused(PastedValue.variable(property), property,
                        words + " (it is " + PastedValue.shown(text) + ")");
            }
        }
    }

    /** Checks every constrained value of these mappings that the configuration sets. */
    public static void check(ConfigSourceContext context, Class<?>... mappings) {
        for (Class<?> mapping : mappings) {
            rules(mapping).forEach((property, rule) -> PastedValue.text(context, property)
                    .ifPresent(text -> rule.check(property, text)));
        }
    }

    /**
     * Each constrained property of the mapping, by name, and its rule. The mapping's methods and their annotations
     * are read by reflection, which the native binary allows only for a class registered for it: one that is not
     * fails every start, on the JVM too.
     */
    static Map<String, Rule> rules(Class<?> mapping) {
        if (!mapping.isAnnotationPresent(RegisterForReflection.class)) {
            throw new IllegalStateException(mapping.getName() + " is read for its rules: register it for reflection");
        }
        String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
        Map<String, Rule> rules = new TreeMap<>();
        for (Method method : mapping.getMethods()) {
            Rule rule = ruleOf(method);
            if (rule != null) {
                WithName named = method.getAnnotation(WithName.class);
                rules.put(prefix + "." + (named != null ? named.value() : kebab(method.getName())), rule);
            }
        }
        return rules;
    }

    private static Rule ruleOf(Method method) {
        Min min = method.getAnnotation(Min.class);
        if (min != null && method.getReturnType() == int.class) {
            return new Rule("must be a whole number, " + min.value() + " or more", text -> {
                try {
                    return Integer.parseInt(text) >= min.value();
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            });
        }
        DurationMin least = method.getAnnotation(DurationMin.class);
        if (least != null && method.getReturnType() == Duration.class) {
            Duration bound = Duration.ofDays(least.days()).plusHours(least.hours()).plusMinutes(least.minutes())
                    .plusSeconds(least.seconds()).plusMillis(least.millis()).plusNanos(least.nanos());
            String words = !bound.isZero() ? "must be a duration of " + bound + " or more, " + DURATION_EXAMPLES
                    : least.inclusive() ? "must be a duration, 0s or more, " + DURATION_EXAMPLES
                    : "must be a duration above zero, " + DURATION_EXAMPLES;
            return new Rule(words,
                    text -> {
                        try {
                            Duration given = DurationConverter.parseDuration(text);
                            int order = given == null ? -1 : given.compareTo(bound);
                            return least.inclusive() ? order >= 0 : order > 0;
                        } catch (IllegalArgumentException notADuration) {
                            return false;
                        }
                    });
        }
        if (method.getReturnType() == Rate.class) {
            return new Rule(Rate.RULE, text -> {
                try {
                    return Rate.parse(text) != null;
                } catch (IllegalArgumentException notARate) {
                    return false;
                }
            });
        }
        return null;
    }

    /** {@code maxInFlight} as a property names it: {@code max-in-flight}. */
    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
