package app.clerkdub.api.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.clerk.LeadState;
import app.clerkdub.lead.Qualification;
import app.clerkdub.lead.Qualifiers;
import app.clerkdub.lead.Qualifiers.Qualifier;
import app.clerkdub.api.webhook.ClerkEvent.OrganizationCreated;
import app.clerkdub.api.webhook.ClerkEvent.UserUpdated;
import app.clerkdub.api.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * The events that qualify a user's deferred lead ({@code DUB_QUALIFY_ON}): {@code user.updated} whose public metadata
 * says {@code dubQualified: true}, and {@code organization.created}, for its creator. Clerk sends {@code user.updated}
 * for every change of a user, this service's own metadata updates included, so what the event already says settles
 * most of them with no call at all.
 */
@ApplicationScoped
class QualifyEvents {
    private final Qualification qualification;
    private final Qualifiers qualifiers;

    QualifyEvents(Qualification qualification, Qualifiers qualifiers) {
        this.qualification = qualification;
        this.qualifiers = qualifiers;
    }

    Uni<WebhookOutcome> userUpdated(UserUpdated user, Delivery delivery) {
        if (user.id() == null || user.id().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        if (!qualifiers.on(Qualifier.METADATA) || !ClerkUser.qualifiedIn(user.publicMetadata())) {
            return done(Result.NOT_QUALIFYING);
        }
        if (LeadState.read(user.publicMetadata()).filter(LeadState::settled).isPresent()) {
            return done(Result.ALREADY_QUALIFIED);
        }
        if (ClickIdMetadata.read(user.publicMetadata()).filter(ClickIdMetadata.NoClick.class::isInstance).isPresent()) {
            return done(Result.NO_LEAD);
        }
        return qualify(user.id());
    }

    Uni<WebhookOutcome> organizationCreated(OrganizationCreated organization, Delivery delivery) {
        if (organization.createdBy() == null || organization.createdBy().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.userId(organization.createdBy());
        return qualifiers.on(Qualifier.ORGANIZATION) ? qualify(organization.createdBy()) : done(Result.NOT_QUALIFYING);
    }

    private Uni<WebhookOutcome> qualify(String userId) {
        return qualification.qualify(userId).map(result -> WebhookOutcome.done(Result.of(result)));
    }

    private static Uni<WebhookOutcome> done(Result result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
