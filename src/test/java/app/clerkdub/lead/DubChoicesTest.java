package app.clerkdub.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.clerkdub.lead.CustomerSyncSetting.Sync;
import app.clerkdub.lead.Qualifiers.Qualifier;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@code DUB_CUSTOMER_SYNC} and {@code DUB_QUALIFY_ON} as the built mapping reads them: unset, listed, empty. */
class DubChoicesTest {

    private static DubChoices choices(Map<String, String> given) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(DubChoices.class)
                .withSources(new PropertiesConfigSource(given, "test", 500)).build();
        return config.getConfigMapping(DubChoices.class);
    }

    private static Set<Sync> synced(DubChoices choices) {
        CustomerSyncSetting setting = new CustomerSyncSetting(choices);
        return Set.of(Sync.values()).stream().filter(setting::on).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void unsetSyncsBothAndListedSyncsWhatItLists() {
        assertEquals(Set.of(Sync.ERASE, Sync.UPDATE), synced(choices(Map.of())));
        assertEquals(Set.of(Sync.ERASE), synced(choices(Map.of("dub.customer-sync", " Erase "))));
    }

    @Test
    void emptySyncsNothing() {
        assertEquals(Set.of(), synced(choices(Map.of("dub.customer-sync", ""))));
    }

    @Test
    void qualifyOnIsReadWhateverTheCase() {
        assertEquals(java.util.List.of(Qualifier.METADATA, Qualifier.PAYMENT), choices(Map.of()).qualifyOn());
        assertEquals(java.util.List.of(Qualifier.ORGANIZATION),
                choices(Map.of("dub.qualify-on", " Organization")).qualifyOn());
    }
}
