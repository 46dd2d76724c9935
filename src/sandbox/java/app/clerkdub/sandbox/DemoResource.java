package app.clerkdub.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The demo page at {@code /} and the SPA client module it imports, served by a sandbox resource so that a
 * production build has neither. The module is read from {@code clients/js/track-lead.js} in the project (dev
 * mode and tests run there), so the demo always runs the client that SPAs get, edits included.
 */
@jakarta.ws.rs.Path("/")
@UnlessBuildProfile("prod")
public class DemoResource {
    static final String WEB = "/app/clerkdub/sandbox/web/";
    static final Path CLIENT = Path.of("clients", "js", "track-lead.js");

    @GET
    @Produces("text/html;charset=UTF-8")
    public Response page() {
        return file("demo.html");
    }

    @GET
    @jakarta.ws.rs.Path("/_sandbox/track-lead.js")
    @Produces("text/javascript;charset=UTF-8")
    public Response client() {
        Path client = CLIENT.toAbsolutePath();
        if (!Files.isRegularFile(client)) {
            return Response.status(404).entity("// no " + client + ": run from the project's root").build();
        }
        try {
            return Response.ok(Files.readAllBytes(client)).build();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Response file(String name) {
        try (InputStream in = DemoResource.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes()).build();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
