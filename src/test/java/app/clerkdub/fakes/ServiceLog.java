package app.clerkdub.fakes;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The service's log of the test run (the test profile writes it), read as an operator would. */
public final class ServiceLog {
    public static final Path FILE = Path.of("target", "test-logs", "service.log");

    private ServiceLog() {
    }

    public static List<String> lines() {
        try {
            return Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The first line holding every part, waited for: the log is written off the request's thread. */
    public static String awaitLine(String... parts) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> lines().stream().filter(line -> List.of(parts).stream().allMatch(line::contains))
                        .findFirst().orElse(null), line -> line != null);
    }

    public static long count(String... parts) {
        return lines().stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
    }
}
