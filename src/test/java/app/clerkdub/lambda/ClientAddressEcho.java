package app.clerkdub.lambda;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vertx.ext.web.RoutingContext;

/**
 * Test-only: answers the caller's address as the application sees it ({@code remoteAddress()} of the Vert.x
 * request), which is what a per-client limit would key on, so that a test can tell where it comes from.
 */
@Path("/_test/client-address")
public class ClientAddressEcho {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String address(RoutingContext request) {
        return request.request().remoteAddress().hostAddress();
    }
}
