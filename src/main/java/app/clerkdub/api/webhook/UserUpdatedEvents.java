package app.clerkdub.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.lead.CustomerSync;
import app.clerkdub.lead.Outcome;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Qualification;
import io.smallrye.mutiny.Uni;

/**
 * {@code user.updated} (its {@code data} is the user as it is now, Clerk's {@code User}): a qualification in deferred
 * mode when the app's backend set {@code dubQualified: true}, and the change of name, email or avatar that the user's
 * customer at Dub follows ({@code DUB_CUSTOMER_SYNC}). The qualification runs first; when the event was one, its
 * result is the delivery's, and what the customer needed goes in the log line.
 */
@ApplicationScoped
class UserUpdatedEvents implements EventHandler<ClerkUser> {
    private final Qualification qualification;
    private final CustomerSync sync;

    UserUpdatedEvents(Qualification qualification, CustomerSync sync) {
        this.qualification = qualification;
        this.sync = sync;
    }

    @Override
    public String eventType() {
        return "user.updated";
    }

    @Override
    public Class<ClerkUser> payloadType() {
        return ClerkUser.class;
    }

    @Override
    public Uni<Outcome> handle(ClerkUser user, Delivery delivery) {
        if (EventHandler.missing(user.id())) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        return qualification.onMetadata(user.id(), user.publicMetadata())
                .flatMap(qualified -> sync.updated(user).map(customer -> {
                    if (qualified == QualifyResult.NOT_QUALIFYING) {
                        return customer;
                    }
                    delivery.customer(customer.wireValue());
                    return qualified;
                }));
    }
}
