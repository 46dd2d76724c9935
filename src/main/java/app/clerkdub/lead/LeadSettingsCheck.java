package app.clerkdub.lead;

import java.util.List;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import app.clerkdub.platform.settings.MappingRules;
import app.clerkdub.platform.settings.PastedValue;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;

/**
 * The core's settings checked while the configuration is built ({@link LeadConfig} by its constraints,
 * {@code DUB_QUALIFY_ON} and {@code DUB_CUSTOMER_SYNC} by their words), as every other
 * setting is: a wrong value stops the start with its one line before any bean starts, so that no
 * platform's thread that waits for the start (Quarkus' Lambda poll loop) races the refusal. Once they pass, the
 * mapping ({@link DubChoices}) converts the same words with the same rules.
 */
public class LeadSettingsCheck implements ConfigSourceFactory {
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        try {
            MappingRules.check(context, LeadConfig.class);
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
