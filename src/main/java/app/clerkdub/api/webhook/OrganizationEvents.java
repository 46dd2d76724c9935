package app.clerkdub.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.Outcome;
import app.clerkdub.lead.Qualification;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** {@code organization.created}: in deferred mode, a qualification of its creator's lead ({@code DUB_QUALIFY_ON}). */
@ApplicationScoped
class OrganizationEvents implements EventHandler<OrganizationEvents.OrganizationCreated> {

    /** The event's {@code data} (the spec's {@code Organization}): who created it. */
    @RegisterForReflection
    record OrganizationCreated(String id, @JsonProperty("created_by") String createdBy) {
    }

    private final Qualification qualification;

    OrganizationEvents(Qualification qualification) {
        this.qualification = qualification;
    }

    @Override
    public String eventType() {
        return "organization.created";
    }

    @Override
    public Class<OrganizationCreated> payloadType() {
        return OrganizationCreated.class;
    }

    @Override
    public Uni<Outcome> handle(OrganizationCreated organization, Delivery delivery) {
        if (EventHandler.missing(organization.createdBy())) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        delivery.userId(organization.createdBy());
        return qualification.onOrganizationCreated(organization.createdBy()).map(Outcome.class::cast);
    }
}
