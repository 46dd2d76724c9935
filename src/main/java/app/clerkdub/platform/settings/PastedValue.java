package app.clerkdub.platform.settings;

import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * A setting as people paste it: {@code docker --env-file} and Quarkus' {@code .env} keep the quotes
 * around a value, and editors add spaces; {@link PastedValues} reads every setting without them. Also the
 * one way a setting is refused: a {@link ConfigurationException} with no cause, which Quarkus prints as its
 * message alone, one line on standard error.
 */
public final class PastedValue {
    private static final int SHOWN = 80;

    private PastedValue() {
    }

    /** Trimmed, without one pair of matching surrounding quotes, double or single. */
    static String unquote(String pasted) {
        String text = pasted.strip();
        if (text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '"' || first == '\'') && text.charAt(text.length() - 1) == first) {
                text = text.substring(1, text.length() - 1).strip();
            }
        }
        return text;
    }

    /**
     * The setting's text, unquoted, as a config source factory sees it; none when it is unset, blank, or a
     * reference to an unset variable ({@code ${CLERK_SECRET_KEY}}).
     */
    public static Optional<String> text(ConfigSourceContext context, String name) {
        String text;
        try {
            ConfigValue value = context.getValue(name);
            text = value == null ? null : value.getValue();
        } catch (NoSuchElementException | IllegalArgumentException unresolvable) {
            return Optional.empty();
        }
        return Optional.ofNullable(text).map(PastedValue::unquote).filter(found -> !found.isEmpty());
    }

    /** The environment variable that sets {@code property}, as SmallRye Config maps names. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Stops the start: {@code variable} (and the property it sets) named, with what is wrong, on one line. */
    static ConfigurationException refused(String variable, String property, String problem) {
        return new ConfigurationException(variable + " " + problem, Set.of(property));
    }

    /**
     * The refusal as it is printed: its one line, or with {@code LOG_JSON=true} that line as one JSON log record,
     * since the start stops before the JSON console exists and prints the refusal's message as it is.
     */
    public static ConfigurationException printed(ConfigSourceContext context, ConfigurationException refused) {
        // Read as the console's switch reads it: true, 1, yes, y or on.
        if (!text(context, "LOG_JSON").map(value -> value.toLowerCase(Locale.ROOT))
                .filter(Set.of("true", "1", "yes", "y", "on")::contains).isPresent()) {
            return refused;
        }
        String level = text(context, "LOG_JSON_LEVEL_KEY").orElse("severity");
        String json = "{\"timestamp\":\"" + java.time.OffsetDateTime.now() + "\",\"loggerName\":\""
                + PastedValue.class.getPackageName() + "\"," + quoted(level) + ":\"ERROR\",\"message\":"
                + quoted(refused.getMessage()) + "}";
        return new ConfigurationException(json, refused.getConfigKeys());
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }

    /** A value that is no secret (an origin, a URL), fit to quote in a message: one line, not too long. */
    public static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line) + "'";
    }
}
