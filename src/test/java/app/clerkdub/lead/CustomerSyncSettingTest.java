package app.clerkdub.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.clerkdub.lead.CustomerSyncSetting.Sync;
import io.quarkus.runtime.configuration.ConfigurationException;

/** {@code DUB_CUSTOMER_SYNC} as people write it, empty for neither, and the one line that refuses an unknown word. */
class CustomerSyncSettingTest {

    @Test
    void wordsAreReadWhateverTheirCaseAndSpacing() {
        assertEquals(EnumSet.allOf(Sync.class), CustomerSyncSetting.parse(List.of(" Update", "erase ")));
        assertEquals(EnumSet.of(Sync.ERASE), CustomerSyncSetting.parse(List.of("erase", "")));
    }

    @Test
    void nothingListedSyncsNothing() {
        assertEquals(Set.of(), CustomerSyncSetting.parse(List.of()));
        assertEquals(Set.of(), CustomerSyncSetting.parse(List.of(" ")));
    }

    @Test
    void anUnknownWordIsRefusedByTheVariablesName() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> CustomerSyncSetting.parse(List.of("erase", "delete")));
        assertEquals("DUB_CUSTOMER_SYNC must list some of erase and update, comma-separated, or be empty for neither "
                + "(it has 'delete')", refused.getMessage());
        assertEquals(Set.of("dub.customer-sync"), refused.getConfigKeys());
    }
}
