package app.clerkdub.lead;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.dub.DubConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Which changes of a Clerk user reach their customer at Dub ({@code DUB_CUSTOMER_SYNC}), read at start: a word it does
 * not know stops the start with one line naming the variable, rather than erasing or updating less than was asked.
 */
@ApplicationScoped
@Startup
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

    CustomerSyncSetting(DubConfig dub) {
        this.on = parse(dub.customerSync().orElse(List.of()));
    }

    public boolean on(Sync sync) {
        return on.contains(sync);
    }

    /** For the start-up line of effective settings. */
    String describe() {
        return on.isEmpty() ? "off" : on.stream().map(Sync::word).collect(Collectors.joining(","));
    }

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
