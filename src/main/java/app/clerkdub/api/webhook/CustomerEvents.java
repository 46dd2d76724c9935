package app.clerkdub.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.lead.CustomerSync;
import app.clerkdub.lead.CustomerSyncSetting;
import app.clerkdub.lead.CustomerSyncSetting.Sync;
import app.clerkdub.api.webhook.ClerkEvent.UserDeleted;
import app.clerkdub.api.webhook.ClerkEvent.UserUpdated;
import app.clerkdub.api.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * The user's customer at Dub follows the user ({@code DUB_CUSTOMER_SYNC}): {@code user.deleted} erases it,
 * {@code user.updated} sends a changed name, email or avatar ({@link CustomerSync}). A {@code user.updated} is also a
 * qualification in deferred mode ({@link QualifyEvents}): that runs first, and when the event was one, its result is
 * the delivery's, and what the customer needed goes in the log line.
 */
@ApplicationScoped
class CustomerEvents {
    private final CustomerSync sync;
    private final CustomerSyncSetting setting;
    private final QualifyEvents qualifications;

    CustomerEvents(CustomerSync sync, CustomerSyncSetting setting, QualifyEvents qualifications) {
        this.sync = sync;
        this.setting = setting;
        this.qualifications = qualifications;
    }

    Uni<WebhookOutcome> userDeleted(UserDeleted user, Delivery delivery) {
        if (user.id() == null || user.id().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        if (!setting.on(Sync.ERASE)) {
            return done(Result.NOT_SYNCED);
        }
        return sync.erase(user.id()).map(result -> WebhookOutcome.done(Result.of(result)));
    }

    Uni<WebhookOutcome> userUpdated(ClerkUser user, Delivery delivery) {
        if (user.id() == null || user.id().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        return qualifications.userUpdated(new UserUpdated(user.id(), user.publicMetadata()), delivery)
                .flatMap(qualified -> customer(user).map(result -> {
                    if (qualified instanceof WebhookOutcome.Done done && done.result() == Result.NOT_QUALIFYING) {
                        return WebhookOutcome.done(result);
                    }
                    delivery.customer(result.wireValue());
                    return qualified;
                }));
    }

    private Uni<Result> customer(ClerkUser user) {
        return setting.on(Sync.UPDATE) ? sync.updated(user).map(Result::of) : Uni.createFrom().item(Result.NOT_SYNCED);
    }

    private static Uni<WebhookOutcome> done(Result result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
