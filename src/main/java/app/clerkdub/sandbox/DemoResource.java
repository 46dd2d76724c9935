package app.clerkdub.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The demo page at {@code /} and the SPA client module it imports ({@code clients/js/track-lead.js}, which
 * the build copies next to the page). Served by a sandbox resource, so a production build has neither.
 */
@Path("/")
@UnlessBuildProfile("prod")
public class DemoResource {
    static final String WEB = "/app/clerkdub/sandbox/web/";

    @GET
    @Produces("text/html;charset=UTF-8")
    public Response page() {
        return file("demo.html");
    }

    @GET
    @Path("/_sandbox/track-lead.js")
    @Produces("text/javascript;charset=UTF-8")
    public Response client() {
        return file("track-lead.js");
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
