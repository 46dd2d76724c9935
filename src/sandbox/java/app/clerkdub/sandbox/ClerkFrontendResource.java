package app.clerkdub.sandbox;

import java.util.concurrent.CompletionStage;

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
    private final ClerkWebhookSender webhooks;

    ClerkFrontendResource(ClerkSandbox clerk, ClerkWebhookSender webhooks) {
        this.clerk = clerk;
        this.webhooks = webhooks;
    }

    @GET
    @Path("/.well-known/jwks.json")
    public String jwks() {
        return clerk.jwks();
    }

    /**
     * Creates a user and signs it in; the token's {@code azp} is the calling page's Origin, as with Clerk. Then
     * Clerk's {@code user.created} goes to the service; the answer waits for it, so that the demo can show it
     * (Clerk delivers it on its own, shortly after).
     */
    @POST
    @Path("/sign-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<SignedUp> signUp(SignUpRequest request, @RestHeader("Origin") String origin) {
        SignedUp signedUp = clerk.signUp(request == null ? new SignUpRequest(null, null, null, null) : request, origin);
        return webhooks.send("user.created", signedUp.user()).thenApply(delivery ->
                new SignedUp(signedUp.user(), signedUp.sessionId(), signedUp.jwt(), delivery));
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
