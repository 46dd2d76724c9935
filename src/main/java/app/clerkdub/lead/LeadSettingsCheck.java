package app.clerkdub.lead;

import java.util.List;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import app.clerkdub.platform.settings.PastedValue;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;

/**
 * {@code DUB_QUALIFY_ON} and {@code DUB_CUSTOMER_SYNC} checked while the configuration is built, as every other
 * setting is: a word the service does not know stops the start with its one line before any bean starts, so that no
 * platform's thread that waits for the start (Quarkus' Lambda poll loop) races the refusal. Once they pass, the
 * mapping ({@link DubChoices}) converts the same words with the same rules.
 */
public class LeadSettingsCheck implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        try {
            PastedValue.text(context, Qualifiers.PROPERTY).ifPresent(words -> Qualifiers.parse(List.of(words.split(","))));
            PastedValue.text(context, CustomerSyncSetting.PROPERTY)
                    .ifPresent(words -> CustomerSyncSetting.parse(List.of(words.split(","))));
        } catch (ConfigurationException refused) {
            throw PastedValue.printed(context, refused);
        }
        return List.of();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
