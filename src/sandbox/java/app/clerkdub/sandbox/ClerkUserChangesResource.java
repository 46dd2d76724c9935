package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * What a user does to their own account in Clerk, for the demo: change their email address, or delete the account.
 * Clerk then sends the signed {@code user.updated} (the user as they are now) or {@code user.deleted} (the id alone,
 * {@code deleted: true}), which keep the user's customer at Dub in step.
 */
@Path(ClerkFrontendResource.PATH + "/users")
@UnlessBuildProfile("prod")
public class ClerkUserChangesResource {
    private final ClerkSandbox clerk;
    private final ClerkWebhookSender webhooks;

    /** The user, and the new address for a change of email. */
    public record ChangeRequest(String userId, String email) {
    }

    ClerkUserChangesResource(ClerkSandbox clerk, ClerkWebhookSender webhooks) {
        this.clerk = clerk;
        this.webhooks = webhooks;
    }

    @POST
    @Path("/change-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<ClerkWebhookSender.WebhookDelivery> changeEmail(ChangeRequest request) {
        String userId = request == null || request.userId() == null ? "" : request.userId();
        return clerk.user(userId).map(user -> {
            String email = request.email() == null || request.email().isBlank()
                    ? "changed." + SandboxIds.next("", 6).toLowerCase(java.util.Locale.ROOT) + "@example.com"
                    : request.email().trim();
            ClerkUser changed = user.withEmail(email);
            clerk.put(changed);
            return webhooks.send("user.updated", changed.fields());
        }).orElseGet(ClerkUserChangesResource::noSuchUser);
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<ClerkWebhookSender.WebhookDelivery> delete(ChangeRequest request) {
        String userId = request == null || request.userId() == null ? "" : request.userId();
        return clerk.delete(userId).map(user -> {
            Map<String, Object> deleted = new LinkedHashMap<>();
            deleted.put("object", "user");
            deleted.put("id", user.id());
            deleted.put("deleted", true);
            return webhooks.send("user.deleted", deleted);
        }).orElseGet(ClerkUserChangesResource::noSuchUser);
    }

    private static CompletionStage<ClerkWebhookSender.WebhookDelivery> noSuchUser() {
        return CompletableFuture.failedStage(new NotFoundException("No such sandbox user"));
    }
}
