package app.clerkdub.lead;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Which changes of a Clerk user reach their customer at Dub ({@code DUB_CUSTOMER_SYNC}, converted by
 * {@link DubChoices}): a word it does not know stops the start with one line naming the variable while the
 * configuration is built, rather than erasing or updating less than was asked.
 */
@ApplicationScoped
public class CustomerSyncSetting {
    static final String VARIABLE = "DUB_CUSTOMER_SYNC";
    static final String PROPERTY = "dub.customer-sync";

    /** The changes that may be synced. */
    public enum Sync {
        /** {@code user.deleted}: the customer is deleted at Dub. */
        ERASE,
        /** {@code user.updated}: a changed name, primary email or avatar is sent to Dub. */
        UPDATE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Set<Sync> on;

    CustomerSyncSetting(DubChoices choices) {
        List<Sync> listed = choices.customerSync().orElse(List.of());
        this.on = listed.isEmpty() ? EnumSet.noneOf(Sync.class) : EnumSet.copyOf(listed);
    }

    public boolean on(Sync sync) {
        return on.contains(sync);
    }

    /** The words as the configuration holds them, each trimmed and of any case; a refusal naming the variable. */
    static Set<Sync> parse(List<String> words) {
        Set<Sync> parsed = EnumSet.noneOf(Sync.class);
        for (String word : words) {
            String wanted = word.trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            parsed.add(EnumSet.allOf(Sync.class).stream().filter(known -> known.word().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ConfigurationException(VARIABLE + " must list some of erase and update, "
                            + "comma-separated, or be empty for neither (it has '" + shown(word) + "')", Set.of(PROPERTY))));
        }
        return parsed;
    }

    /** A word fit to quote on one line: no control characters, not too long. */
    private static String shown(String word) {
        String line = word.trim().replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
