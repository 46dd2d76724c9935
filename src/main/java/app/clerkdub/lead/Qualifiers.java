package app.clerkdub.lead;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.dub.DubConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * What qualifies a user's lead in deferred mode ({@code DUB_QUALIFY_ON}, converted by {@link DubChoices}): a word it
 * does not know stops the start with one line naming the variable while the configuration is built, rather than
 * qualifying on less than was asked for. Outside deferred mode the lead is recorded at sign-up, and nothing qualifies.
 */
@ApplicationScoped
public class Qualifiers {
    static final String VARIABLE = "DUB_QUALIFY_ON";
    static final String PROPERTY = "dub.qualify-on";

    /** The Clerk events that may qualify a user. */
    public enum Qualifier {
        /** {@code user.updated} with {@code public_metadata.dubQualified: true}, set by the app's backend. */
        METADATA,
        /** The user's first paid {@code paymentAttempt.updated}. */
        PAYMENT,
        /** {@code organization.created} by the user. */
        ORGANIZATION;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final boolean deferred;
    private final Set<Qualifier> on;

    Qualifiers(DubConfig dub, DubChoices choices) {
        this.deferred = dub.deferred();
        this.on = choices.qualifyOn().isEmpty() ? EnumSet.noneOf(Qualifier.class) : EnumSet.copyOf(choices.qualifyOn());
    }

    /** Whether sign-ups are sent to Dub in deferred mode, leaving the lead to a qualification. */
    public boolean deferred() {
        return deferred;
    }

    /** Whether this event qualifies users: deferred mode is on and {@code DUB_QUALIFY_ON} names it. */
    public boolean on(Qualifier qualifier) {
        return deferred && on.contains(qualifier);
    }

    /** The words as the configuration holds them, each trimmed and of any case; a refusal naming the variable. */
    static Set<Qualifier> parse(List<String> words) {
        Set<Qualifier> parsed = EnumSet.noneOf(Qualifier.class);
        for (String word : words) {
            String wanted = word.trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            Qualifier found = EnumSet.allOf(Qualifier.class).stream().filter(known -> known.word().equals(wanted))
                    .findFirst().orElseThrow(() -> new ConfigurationException(VARIABLE + " must list some of metadata, "
                            + "payment and organization, comma-separated (it has '" + shown(word) + "')", Set.of(PROPERTY)));
            parsed.add(found);
        }
        return parsed;
    }

    /** A word fit to quote on one line: no control characters, not too long. */
    private static String shown(String word) {
        String line = word.trim().replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
