package app.clerkdub.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;

/**
 * {@link LambdaSkips} decides for the tests it names: JUnit finds it, and every name it holds is a test that
 * exists, so that a renamed test neither loses its skip unnoticed nor leaves a stale entry behind.
 */
class LambdaSkipsTest {

    @Test
    void everyEntryNamesATestClassAndMethodThatExist() {
        Set<String> keys = new HashSet<>(LambdaSkips.SKIPPED_ON_LAMBDA.keySet());
        keys.addAll(LambdaSkips.ONLY_ON_LAMBDA.keySet());
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("#", 2);
            try {
                // Not initialized: a test class's statics may start fakes.
                Class<?> type = Class.forName(parts[0], false, getClass().getClassLoader());
                if (parts.length == 2 && Arrays.stream(type.getDeclaredMethods())
                        .noneMatch(method -> method.getName().equals(parts[1]))) {
                    missing.add(key);
                }
            } catch (ClassNotFoundException e) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "entries of LambdaSkips that name no test");
    }

    @Test
    void noTestIsBothSkippedOnLambdaAndRunOnlyThere() {
        Set<String> both = new HashSet<>(LambdaSkips.SKIPPED_ON_LAMBDA.keySet());
        both.retainAll(LambdaSkips.ONLY_ON_LAMBDA.keySet());
        assertEquals(Set.of(), both);
    }

    @Test
    void autoDetectionIsOnAndTheConditionIsAnExtensionService() throws IOException {
        // quarkus-junit's junit-platform.properties turns auto-detection on; without it the service file is ignored.
        Properties platform = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("junit-platform.properties")) {
            assertTrue(in != null, "no junit-platform.properties on the class path");
            platform.load(in);
        }
        assertEquals("true", platform.getProperty("junit.jupiter.extensions.autodetection.enabled"));
        assertTrue(ServiceLoader.load(Extension.class, getClass().getClassLoader()).stream()
                .anyMatch(provider -> provider.type() == LambdaSkips.class), "LambdaSkips is not a service");
    }
}
