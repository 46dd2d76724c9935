package app.clerkdub.clerk;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The cheapest read of Clerk's Backend API that needs the secret key: the instance's JWKS. Its status alone says
 * whether Clerk takes the key; the body is not read.
 */
@Path("/v1/jwks")
@RegisterRestClient(configKey = "clerk-api")
interface ClerkInstanceApi {

    @GET
    Uni<Response> jwks();
}
