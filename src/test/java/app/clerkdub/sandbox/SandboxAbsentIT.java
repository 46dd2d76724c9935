package app.clerkdub.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged application, whatever the build made (jar, native binary, container), has no sandbox: none of
 * its routes answers. The sandbox lives in {@code src/sandbox}, which the build compiles for the tests only, so
 * this is true by construction; the test checks the construction.
 */
@QuarkusIntegrationTest
@WithTestResource(Fakes.class)
class SandboxAbsentIT {
    /** Written by the Quarkus build: {@code type} (jar, native, ...) and {@code path} of what it made. */
    static final Path ARTIFACT = Path.of("target", "quarkus-artifact.properties");

    @Test
    void noSandboxRouteAnswers() {
        for (String path : List.of("/", "/_sandbox/track-lead.js", "/_sandbox/clerk/.well-known/jwks.json",
                "/_sandbox/inspect/status", "/_sandbox/inspect/leads", "/_sandbox/inspect/users/user_1",
                "/_sandbox/dub-links/launch", "/_sandbox/clerk-api/v1/users/user_1")) {
            assertEquals(404, given().redirects().follow(false).get(path).statusCode(), "GET " + path);
        }
        // Without the sandbox's keys: in production any Bearer is a session token, refused before routing.
        for (String path : List.of("/_sandbox/clerk/sign-ups", "/_sandbox/clerk/v1/client/sessions/sess_1/tokens",
                "/_sandbox/dub/track/lead")) {
            assertEquals(404, given().contentType(ContentType.JSON).body("{}").post(path).statusCode(), "POST " + path);
        }
        assertEquals(404, given().contentType(ContentType.JSON).body("{}")
                .patch("/_sandbox/clerk-api/v1/users/user_1/metadata").statusCode());
    }

    /** Only where the build made a jar (a native binary has no files to list). */
    @Test
    void theJarHoldsNoSandboxFile() throws IOException {
        Properties artifact = new Properties();
        if (Files.isRegularFile(ARTIFACT)) {
            try (Reader in = Files.newBufferedReader(ARTIFACT)) {
                artifact.load(in);
            }
        }
        Path appDir = Path.of("target", "quarkus-app", "app");
        assumeTrue("jar".equals(artifact.getProperty("type")) && Files.isDirectory(appDir),
                "the build made " + artifact.getProperty("type", "no artifact") + ", not a jar");
        List<Path> appJars;
        try (Stream<Path> jars = Files.list(appDir)) {
            appJars = jars.filter(path -> path.toString().endsWith(".jar")).toList();
        }
        assertFalse(appJars.isEmpty(), "no jar in " + appDir);
        for (Path appJar : appJars) {
            List<String> found = new ArrayList<>();
            try (JarFile jar = new JarFile(appJar.toFile())) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.contains("sandbox") || name.endsWith(".html") || name.endsWith(".js")) {
                        found.add(name);
                    } else if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("sandbox")) {
                                found.add(name + " (names a sandbox class)");
                            }
                        }
                    }
                }
            }
            assertEquals(List.of(), found, appJar + " holds sandbox files");
        }
    }
}
