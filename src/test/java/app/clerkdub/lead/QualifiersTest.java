package app.clerkdub.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.clerkdub.lead.Qualifiers.Qualifier;
import io.quarkus.runtime.configuration.ConfigurationException;

/** {@code DUB_QUALIFY_ON} as people write it, and the one line that refuses a word it does not know. */
class QualifiersTest {

    @Test
    void wordsAreReadWhateverTheirCaseAndSpacing() {
        assertEquals(EnumSet.of(Qualifier.METADATA, Qualifier.ORGANIZATION),
                Qualifiers.parse(List.of(" Metadata", "organization ", "")));
        assertEquals(EnumSet.allOf(Qualifier.class), Qualifiers.parse(List.of("payment", "metadata", "organization")));
    }

    @Test
    void anUnknownWordIsRefusedByTheVariablesName() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> Qualifiers.parse(List.of("metadata", "signup")));
        assertEquals("DUB_QUALIFY_ON must list some of metadata, payment and organization, comma-separated "
                + "(it has 'signup')", refused.getMessage());
        assertEquals(Set.of("dub.qualify-on"), refused.getConfigKeys());
    }
}
