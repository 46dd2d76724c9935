package app.clerkdub.lead;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.Converter;

import app.clerkdub.lead.CustomerSyncSetting.Sync;
import app.clerkdub.lead.Qualifiers.Qualifier;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * The words of {@code DUB_QUALIFY_ON} and {@code DUB_CUSTOMER_SYNC}, converted by the configuration: they name what
 * only this core knows, so they are mapped here rather than with the rest of Dub's settings. A word the service does
 * not know is refused while the configuration is built ({@link LeadSettingsCheck}), with one line naming the variable,
 * so the conversions below never meet one.
 */
@ConfigMapping(prefix = "dub")
public interface DubChoices {
    /** In deferred mode, what qualifies a user: any of {@code metadata}, {@code payment}, {@code organization}. */
    @WithDefault("metadata,payment")
    List<@WithConverter(QualifierWord.class) Qualifier> qualifyOn();

    /**
     * Which changes of a Clerk user reach their customer at Dub: {@code erase} (a deleted user's customer is deleted)
     * and {@code update} (a changed name, email or avatar is sent). Empty turns both off.
     */
    @WithDefault("erase,update")
    Optional<List<@WithConverter(SyncWord.class) Sync>> customerSync();

    /** A word of {@code DUB_QUALIFY_ON}, whatever its case and spacing. */
    @RegisterForReflection
    final class QualifierWord implements Converter<Qualifier> {
        @Override
        public Qualifier convert(String word) {
            return Qualifiers.parse(List.of(word)).stream().findFirst().orElse(null);
        }
    }

    /** A word of {@code DUB_CUSTOMER_SYNC}, whatever its case and spacing. */
    @RegisterForReflection
    final class SyncWord implements Converter<Sync> {
        @Override
        public Sync convert(String word) {
            return CustomerSyncSetting.parse(List.of(word)).stream().findFirst().orElse(null);
        }
    }
}
