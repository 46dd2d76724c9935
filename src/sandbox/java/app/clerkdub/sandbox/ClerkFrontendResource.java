package app.clerkdub.sandbox;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The sandbox Clerk instance's Frontend API: its JWKS (where quarkus-oidc fetches the keys), a one-step
 * sign-up for the demo, and the session-token refresh that Clerk's SDKs call.
 */
@Path(ClerkFrontendResource.PATH)
@UnlessBuildProfile("prod")
@Produces(MediaType.APPLICATION_JSON)
public class ClerkFrontendResource {
    /** Also the {@code iss} of the sandbox's session tokens. */
    static final String PATH = "/_sandbox/clerk";

    private final ClerkSandbox clerk;
    private final SessionSigner signer;

    ClerkFrontendResource(ClerkSandbox clerk, SessionSigner signer) {
        this.clerk = clerk;
        this.signer = signer;
    }

    @GET
    @Path("/.well-known/jwks.json")
    public String jwks() {
        return signer.jwks();
    }

    /** Creates a user and signs it in; the token's {@code azp} is the calling page's Origin, as with Clerk. */
    @POST
    @Path("/sign-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignedUp signUp(SignUpRequest request, @RestHeader("Origin") String origin) {
        return clerk.signUp(request == null ? new SignUpRequest(null, null, null) : request, origin);
    }

    /** Clerk's {@code POST /v1/client/sessions/{id}/tokens}: a new token with the user's current metadata. */
    @POST
    @Path("/v1/client/sessions/{sessionId}/tokens")
    public Response token(@PathParam("sessionId") String sessionId) {
        return clerk.freshToken(sessionId)
                .map(jwt -> Response.ok(new SessionToken("token", jwt)).build())
                .orElseGet(() -> ClerkBackendResource.error(404, "resource_not_found",
                        "No session was found with id " + sessionId));
    }

    /** Clerk's token answer. */
    public record SessionToken(String object, String jwt) {
    }
}
