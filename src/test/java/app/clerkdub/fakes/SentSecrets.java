package app.clerkdub.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.Cookie;

/**
 * Every secret a test sent to the service: bearer tokens and cookie values (recorded by a
 * RestAssured filter), and the API keys the service holds. The log check asserts none of them was
 * logged. They go to a file because Quarkus tests and the plain check run in different class loaders.
 */
public final class SentSecrets {
    static final Path FILE = Path.of("target", "test-logs", "sent-secrets.txt");
    private static final Filter RECORDER = (request, response, context) -> {
        StringBuilder sent = new StringBuilder();
        String authorization = request.getHeaders().getValue("Authorization");
        if (authorization != null) {
            sent.append(authorization.replaceFirst("^Bearer ", "")).append('\n');
        }
        for (Cookie cookie : request.getCookies()) {
            sent.append(cookie.getValue()).append('\n');
        }
        append(sent.toString());
        return context.next(request, response);
    };

    private SentSecrets() {
    }

    static synchronized void record() {
        if (!RestAssured.filters().contains(RECORDER)) {
            RestAssured.filters(RECORDER);
        }
    }

    /** What must never appear in a log: values of 8 characters or more (shorter ones occur by chance). */
    public static Set<String> all() throws IOException {
        Set<String> secrets = new HashSet<>(Files.exists(FILE) ? Files.readAllLines(FILE) : Set.of());
        secrets.add(ClerkFake.SECRET_KEY);
        secrets.add(DubFake.API_KEY);
        secrets.removeIf(value -> value.length() < 8);
        return secrets;
    }

    private static synchronized void append(String lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
