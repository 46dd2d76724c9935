package app.clerkdub.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The settings every test runs with ({@code META-INF/microprofile-config.properties} of the test class path,
 * above a {@code .env} and the environment). {@code @QuarkusTest} finds the file itself; the packaged
 * application of an integration test does not have it, so {@link Fakes} passes its entries as system
 * properties (400), which also rank above a {@code .env} (295) and the environment (300).
 */
final class TestSettings {
    static final String RESOURCE = "META-INF/microprofile-config.properties";

    private TestSettings() {
    }

    static Map<String, String> all() {
        Properties settings = new Properties();
        try (InputStream in = TestSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            settings.load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Map<String, String> all = new HashMap<>();
        settings.stringPropertyNames().stream().filter(name -> !name.equals("config_ordinal"))
                .forEach(name -> all.put(name, settings.getProperty(name)));
        return all;
    }
}
