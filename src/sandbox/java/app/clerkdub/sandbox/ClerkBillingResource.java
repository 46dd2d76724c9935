package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * Clerk Billing for the demo: the user pays for the Pro plan ($22.00 with tax), and Clerk tells the service
 * with a signed {@code paymentAttempt.updated}, shaped as the example of Clerk's webhook spec. An organization
 * checkout first creates the user's organization ({@code organization.created}), which then pays.
 */
@Path(ClerkFrontendResource.PATH + "/billing")
@UnlessBuildProfile("prod")
public class ClerkBillingResource {
    private final ClerkSandbox clerk;
    private final ClerkWebhookSender webhooks;

    /** Who pays. */
    public record PayRequest(String userId) {
    }

    ClerkBillingResource(ClerkSandbox clerk, ClerkWebhookSender webhooks) {
        this.clerk = clerk;
        this.webhooks = webhooks;
    }

    @POST
    @Path("/pay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<ClerkWebhookSender.WebhookDelivery> pay(PayRequest request) {
        return asUser(request, user -> webhooks.send("paymentAttempt.updated", paidAttempt(userPayer(user))));
    }

    /**
     * The user creates an organization (Clerk sends {@code organization.created}), which pays for the Pro plan:
     * both deliveries, in order, so that the page shows what each one did.
     */
    @POST
    @Path("/pay-as-organization")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<List<ClerkWebhookSender.WebhookDelivery>> payAsOrganization(PayRequest request) {
        String userId = request == null ? null : request.userId();
        return (userId == null ? Optional.<ClerkUser>empty() : clerk.user(userId)).map(user -> {
            ClerkOrganization organization = ClerkOrganization.createdBy(SandboxIds.next("org_", 27), user.id());
            clerk.put(organization);
            Map<String, Object> payer = new LinkedHashMap<>();
            payer.put("id", SandboxIds.next("cpayer_", 27));
            payer.put("organization_id", organization.id());
            payer.put("organization_name", organization.name());
            return webhooks.send("organization.created", organization.fields())
                    .thenCompose(created -> webhooks.send("paymentAttempt.updated", paidAttempt(payer))
                            .thenApply(paid -> List.of(created, paid)));
        }).orElseGet(() -> CompletableFuture.failedStage(new jakarta.ws.rs.NotFoundException("No such sandbox user")));
    }

    /** What the sandbox user of the request does, or 404 when there is no such user. */
    private CompletionStage<ClerkWebhookSender.WebhookDelivery> asUser(PayRequest request,
            Function<ClerkUser, CompletionStage<ClerkWebhookSender.WebhookDelivery>> action) {
        String userId = request == null ? null : request.userId();
        return (userId == null ? Optional.<ClerkUser>empty() : clerk.user(userId)).map(action)
                .orElseGet(() -> CompletableFuture.failedStage(new jakarta.ws.rs.NotFoundException("No such sandbox user")));
    }

    private static Map<String, Object> userPayer(ClerkUser user) {
        Map<String, Object> payer = new LinkedHashMap<>();
        payer.put("id", SandboxIds.next("cpayer_", 27));
        payer.put("user_id", user.id());
        payer.put("first_name", user.firstName());
        payer.put("last_name", user.lastName());
        payer.put("email", user.email());
        return payer;
    }

    static Map<String, Object> paidAttempt(Map<String, Object> payer) {
        long now = System.currentTimeMillis();
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("id", SandboxIds.next("pa_", 27));
        attempt.put("instance_id", "ins_sandbox");
        attempt.put("payment_id", SandboxIds.next("cpa_", 27));
        attempt.put("statement_id", SandboxIds.next("stmt_", 27));
        attempt.put("gateway_external_id", SandboxIds.next("pi_", 24));
        attempt.put("status", "paid");
        attempt.put("created_at", now);
        attempt.put("updated_at", now);
        attempt.put("paid_at", now);
        attempt.put("failed_at", null);
        attempt.put("failed_reason", null);
        attempt.put("billing_date", now);
        attempt.put("charge_type", "checkout");
        attempt.put("payer", payer);
        attempt.put("totals", Map.of("subtotal", money(2000, "$20.00"), "tax_total", money(200, "$2.00"),
                "grand_total", money(2200, "$22.00")));
        attempt.put("subscription_items", List.of(Map.of("id", SandboxIds.next("csub_item_", 27), "status", "active",
                "plan_period", "month", "amount", money(2000, "$20.00"),
                "plan", Map.of("name", "Pro Plan", "slug", "pro-plan", "amount", 2000, "currency", "USD"))));
        return attempt;
    }

    private static Map<String, Object> money(long amount, String formatted) {
        return Map.of("amount", amount, "amount_formatted", formatted, "currency", "USD", "currency_symbol", "$");
    }
}
