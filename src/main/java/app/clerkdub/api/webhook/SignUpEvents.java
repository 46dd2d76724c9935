package app.clerkdub.api.webhook;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.dub.ClickId;
import app.clerkdub.lead.LeadFlow;
import app.clerkdub.lead.UserNotFoundException;
import app.clerkdub.api.webhook.ClerkEvent.UserCreated;
import app.clerkdub.api.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * {@code user.created}: the sign-up's lead, sent from the server. The SPA passed the click id into the sign-up
 * ({@code <SignUp unsafeMetadata={{ dubClickId }} />}), so it arrives in the new user's unsafe metadata. The
 * lead then goes through the very flow of {@code POST /api/track-lead}, whose one flight per user makes a
 * delivery and an SPA call for the same user, or several deliveries of one event, send one lead.
 */
@ApplicationScoped
class SignUpEvents {
    /** Where the SPA puts the click id: the same name as the public metadata key the flow records. */
    static final String UNSAFE_METADATA_KEY = "dubClickId";

    private final LeadFlow flow;

    SignUpEvents(LeadFlow flow) {
        this.flow = flow;
    }

    Uni<WebhookOutcome> handle(UserCreated user, Delivery delivery) {
        if (user.id() == null || user.id().isBlank()) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        Object clickId = user.unsafeMetadata() == null ? null : user.unsafeMetadata().get(UNSAFE_METADATA_KEY);
        // Nothing is marked without a click: the SPA's own call may still bring one from the dub_id cookie.
        if (!(clickId instanceof String text) || text.isEmpty()) {
            return done(Result.NO_CLICK);
        }
        if (!ClickId.isValid(text)) {
            return done(Result.INVALID_CLICK_ID);
        }
        return flow.track(user.id(), Optional.empty(), Optional.of(text))
                .map(result -> WebhookOutcome.done(Result.of(result.status())))
                // Deleted before the delivery arrived: every retry would find the same.
                .onFailure(UserNotFoundException.class).recoverWithItem(WebhookOutcome.done(Result.USER_NOT_FOUND));
    }

    private static Uni<WebhookOutcome> done(Result result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
