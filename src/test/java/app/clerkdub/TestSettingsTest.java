package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The tests run with their own value of every setting, above a {@code .env} in the working directory and the
 * environment's variables: docs/configuration.md tells users to copy application.properties.example to
 * {@code .env}, and the test command must pass with it there. A setting added to the example and not pinned here
 * fails.
 */
class TestSettingsTest {
    static final Path TEST_SETTINGS = Path.of("src", "test", "resources", "META-INF", "microprofile-config.properties");

    @Test
    void everyDocumentedVariableHasTheTestsOwnValueAboveDotEnvAndTheEnvironment() throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(TEST_SETTINGS)) {
            settings.load(reader);
        }
        Set<String> pinned = new TreeSet<>();
        settings.stringPropertyNames().forEach(name -> pinned.add(SettingsDocumentedTest.environmentName(name)));
        Set<String> unpinned = new TreeSet<>(SettingsDocumentedTest.documented());
        unpinned.removeAll(pinned);
        assertEquals(Set.of(), unpinned, "documented in " + SettingsDocumentedTest.EXAMPLE + " but not set in "
                + TEST_SETTINGS + ": a .env that sets them changes what the tests run with");
        // .env is read at 295 and the environment at 300; test profiles and resources (399) still win.
        int ordinal = Integer.parseInt(settings.getProperty("config_ordinal"));
        assertTrue(ordinal > 300 && ordinal < 399, "config_ordinal " + ordinal);
    }
}
