package app.clerkdub.clerk;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import app.clerkdub.platform.upstream.RetryAfter;
import app.clerkdub.platform.upstream.Upstream;
import app.clerkdub.platform.upstream.UpstreamException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The Clerk Backend API operations this service uses; only {@link ClerkClient} calls them. The
 * secret key is read from the configuration as each request is sent, and never logged.
 */
@Path("/v1")
@RegisterRestClient(configKey = "clerk-api")
@ClientHeaderParam(name = HttpHeaders.AUTHORIZATION, value = "Bearer ${clerk.secret-key}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface ClerkBackendApi {

    @GET
    @Path("/users/{userId}")
    Uni<ClerkUser> getUser(@PathParam("userId") String userId);

    /** Clerk answers with the whole user again; only the status matters, so the body is not read into one. */
    @PATCH
    @Path("/users/{userId}/metadata")
    Uni<Void> updateMetadata(@PathParam("userId") String userId, MetadataUpdate update);

    /** The organization, by id; an organization that pays is credited to one of its members. */
    @GET
    @Path("/organizations/{organizationId}")
    Uni<ClerkOrganization> getOrganization(@PathParam("organizationId") String organizationId);

    /** Clerk's errors come as {@code ClerkErrors}; its {@code Retry-After} is in seconds. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        ClerkErrors errors = readErrors(response);
        int status = response.getStatus();
        return UpstreamException.answered(Upstream.CLERK, UpstreamException.Kind.ofStatus(status), status,
                errors == null ? null : errors.firstCode(),
                errors == null ? null : errors.firstMessage(),
                RetryAfter.parse(response.getHeaderString("Retry-After"), Clock.systemUTC()).orElse(null),
                errors == null ? null : errors.clerkTraceId());
    }

    private static ClerkErrors readErrors(Response response) {
        try {
            return response.readEntity(ClerkErrors.class);
        } catch (RuntimeException notClerkErrors) {
            // A proxy's HTML page or an empty body: the status alone tells what happened.
            return null;
        }
    }
}
