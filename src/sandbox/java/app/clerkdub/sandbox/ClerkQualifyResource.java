package app.clerkdub.sandbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * What an app's backend does when a user reaches its milestone, for the demo: one Clerk call that sets
 * {@code public_metadata.dubQualified: true}, after which Clerk sends the signed {@code user.updated} that
 * qualifies the user's deferred lead.
 */
@Path(ClerkFrontendResource.PATH + "/qualify")
@UnlessBuildProfile("prod")
public class ClerkQualifyResource {
    private final ClerkSandbox clerk;
    private final ClerkWebhookSender webhooks;

    ClerkQualifyResource(ClerkSandbox clerk, ClerkWebhookSender webhooks) {
        this.clerk = clerk;
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<ClerkWebhookSender.WebhookDelivery> qualify(ClerkBillingResource.PayRequest request) {
        String userId = request == null ? null : request.userId();
        return clerk.mergeMetadata(userId == null ? "" : userId,
                        new MetadataPatch(Map.of("dubQualified", true), null, null))
                .map(user -> webhooks.send("user.updated", user.fields()))
                .orElseGet(() -> CompletableFuture.failedStage(new jakarta.ws.rs.NotFoundException("No such sandbox user")));
    }
}
