package app.clerkdub.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/** The packaged (production-built) application has no sandbox: no routes, no demo page, no sandbox files. */
@QuarkusIntegrationTest
@WithTestResource(Fakes.class)
class SandboxAbsentIT {
    /** The config source that the build lists; it provides nothing in a jar without the sandbox. */
    static final List<String> KEPT = List.of("app/clerkdub/sandbox/SandboxDefaults$1.class",
            "app/clerkdub/sandbox/SandboxDefaults.class");

    @Test
    void noSandboxRouteAnswers() {
        for (String path : List.of("/", "/_sandbox/track-lead.js", "/_sandbox/clerk/.well-known/jwks.json",
                "/_sandbox/inspect/status", "/_sandbox/inspect/leads", "/_sandbox/dub-links/launch")) {
            assertEquals(404, given().redirects().follow(false).get(path).statusCode(), path);
        }
        assertEquals(404, given().contentType(ContentType.JSON).body("{}").post("/_sandbox/clerk/sign-ups").statusCode());
        // Without the sandbox's keys: in production any Bearer is a session token, refused before routing.
        assertEquals(404, given().contentType(ContentType.JSON).body("{}").post("/_sandbox/dub/track/lead").statusCode());
        assertEquals(404, given().get("/_sandbox/clerk-api/v1/users/user_1").statusCode());
    }

    @Test
    void theJarHoldsNoSandboxFile() throws IOException {
        Path appJar;
        try (Stream<Path> jars = Files.list(Path.of("target", "quarkus-app", "app"))) {
            appJar = jars.filter(path -> path.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(appJar.toFile())) {
            List<String> sandbox = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("app/clerkdub/sandbox/") && !name.endsWith("/"))
                    .sorted().toList();
            assertEquals(KEPT, sandbox, "list new sandbox files in %prod.quarkus.package.jar.user-configured-ignored-entries");
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().endsWith(".html")
                    || entry.getName().endsWith(".js")), "no page or script");
        }
    }
}
