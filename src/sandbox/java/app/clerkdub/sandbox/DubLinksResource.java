package app.clerkdub.sandbox;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The sandbox's short links ({@code dub.sh/key}): a visit records a click and redirects to the app's page
 * with {@code ?dub_id=<click id>}, as Dub's redirect does for links with conversion tracking.
 */
@Path("/_sandbox/dub-links/{key}")
@UnlessBuildProfile("prod")
public class DubLinksResource {
    private final DubSandbox dub;

    DubLinksResource(DubSandbox dub) {
        this.dub = dub;
    }

    @GET
    public Response visit(@PathParam("key") String key, @Context UriInfo request) {
        URI destination = request.getBaseUri();
        String clickId = dub.click(key, destination);
        return Response.status(302)
                .location(UriBuilder.fromUri(destination).queryParam("dub_id", clickId).build())
                .build();
    }
}
