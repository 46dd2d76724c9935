package app.clerkdub.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.CustomerSync;
import app.clerkdub.lead.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** {@code user.deleted}: the user's customer at Dub is erased ({@code DUB_CUSTOMER_SYNC}). */
@ApplicationScoped
class UserDeletedEvents implements EventHandler<UserDeletedEvents.UserDeleted> {

    /** The event's {@code data} (the spec's {@code DeletedObject}): the user can no longer be read. */
    @RegisterForReflection
    record UserDeleted(String id, Boolean deleted) {
    }

    private final CustomerSync sync;

    UserDeletedEvents(CustomerSync sync) {
        this.sync = sync;
    }

    @Override
    public String eventType() {
        return "user.deleted";
    }

    @Override
    public Class<UserDeleted> payloadType() {
        return UserDeleted.class;
    }

    @Override
    public Uni<Outcome> handle(UserDeleted user, Delivery delivery) {
        if (EventHandler.missing(user.id())) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        return sync.erase(user.id()).map(Outcome.class::cast);
    }
}
