package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.SentSecrets;

/**
 * Runs after every Quarkus test of the run (plain JUnit classes come last) and reads the service's
 * log of the whole suite, and on the Lambda build its metric lines: no token, cookie value or API key may appear
 * in them. The fakes' own lines
 * (WireMock, Jetty) are not the service's and are left out.
 */
class LogSecrecyTest {
    static final Path LOG = app.clerkdub.fakes.ServiceLog.FILE;
    static final Path METRIC_LINES = Path.of("target", "test-logs", "emf.log");

    @Test
    void noTokenCookieOrKeyAppearsInTheLogOfTheWholeSuite() throws IOException {
        assertTrue(Files.exists(LOG), "the suite wrote " + LOG);
        List<String> lines = Files.readAllLines(LOG).stream().filter(LogSecrecyTest::fromTheService).toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("track-lead 200 tracked")),
                "the log captured the request lines");
        Set<String> secrets = SentSecrets.all();
        assertTrue(secrets.size() > 20, "the suite's tokens and cookies were recorded: " + secrets.size());
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret was logged: " + line);
            }
        }
        // The Lambda build's metric lines, which go to the same log group on Lambda (absent from the container's run).
        if (Files.exists(METRIC_LINES)) {
            for (String line : Files.readAllLines(METRIC_LINES)) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), "a secret in a metric line: " + line);
                }
            }
        }
    }

    static boolean fromTheService(String line) {
        return !line.contains("[WireMock]") && !line.contains("[com.git") && !line.contains("[org.ecl");
    }
}
