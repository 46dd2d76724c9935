package app.clerkdub.clerk.settings;

import java.util.Set;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A setting as people paste it: {@code docker --env-file} and Quarkus' {@code .env} keep the quotes
 * around a value, and editors add spaces. Also the one way a setting is refused: a
 * {@link ConfigurationException} with no cause, which Quarkus prints as its message alone, one line on
 * standard error.
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

    /** Stops the start: {@code variable} (and the property it sets) named, with what is wrong, on one line. */
    static ConfigurationException refused(String variable, String property, String problem) {
        return new ConfigurationException(variable + " " + problem, Set.of(property));
    }

    /** A value that is no secret (an origin, a URL), fit to quote in a message: one line, not too long. */
    public static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line) + "'";
    }
}
