package app.clerkdub.sandbox;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * What the demo page shows beside the service's answer: Dub's recorded leads, sales and deferred customers, the
 * Clerk user's metadata, and Clerk's webhook deliveries.
 */
@Path("/_sandbox/inspect")
@UnlessBuildProfile("prod")
@Produces(MediaType.APPLICATION_JSON)
public class InspectResource {
    private final ClerkSandbox clerk;
    private final DubSandbox dub;
    private final DubSales sales;
    private final ClerkWebhookSender webhooks;
    private final boolean clerkSandboxed;
    private final boolean dubSandboxed;
    private final boolean deferred;

    InspectResource(ClerkSandbox clerk, DubSandbox dub, DubSales sales, ClerkWebhookSender webhooks,
            @ConfigProperty(name = SandboxDefaults.CLERK_FLAG, defaultValue = "false") boolean clerkSandboxed,
            @ConfigProperty(name = SandboxDefaults.DUB_FLAG, defaultValue = "false") boolean dubSandboxed,
            @ConfigProperty(name = "dub.lead-mode") java.util.Optional<String> leadMode) {
        this.clerk = clerk;
        this.dub = dub;
        this.sales = sales;
        this.webhooks = webhooks;
        this.clerkSandboxed = clerkSandboxed;
        this.dubSandboxed = dubSandboxed;
        this.deferred = leadMode.filter("deferred"::equalsIgnoreCase).isPresent();
    }

    /** Which upstreams the service is using the sandbox for, and whether sign-ups are deferred. */
    @GET
    @Path("/status")
    public Map<String, Boolean> status() {
        return Map.of("clerk", clerkSandboxed, "dub", dubSandboxed, "deferred", deferred);
    }

    /** The customers holding a deferred sign-up's click, with no lead yet. */
    @GET
    @Path("/deferred-customers")
    public List<DubCustomer> deferredCustomers() {
        return dub.deferredCustomers();
    }

    /** Every customer Dub holds: what partners see of the users (name, email, avatar). */
    @GET
    @Path("/customers")
    public List<DubCustomer> customers() {
        return dub.customers();
    }

    @GET
    @Path("/leads")
    public List<RecordedLead> leads() {
        return dub.leads();
    }

    @GET
    @Path("/sales")
    public List<DubSales.RecordedSale> sales() {
        return sales.sales();
    }

    /** Clerk's webhook deliveries to the service and its answers, newest first. */
    @GET
    @Path("/webhooks")
    public List<ClerkWebhookSender.WebhookDelivery> webhooks() {
        return webhooks.deliveries();
    }

    @GET
    @Path("/users/{userId}")
    public Response user(@PathParam("userId") String userId) {
        return clerk.user(userId)
                .map(user -> Response.ok(user.toJson()).build())
                .orElseGet(() -> Response.status(404).build());
    }
}
