package app.clerkdub.api.webhook;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.dub.DubClient.ClickId;
import app.clerkdub.lead.LeadFlow;
import app.clerkdub.lead.LeadFlow.UserNotFoundException;
import app.clerkdub.lead.Outcome;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code user.created}: the sign-up's lead, sent from the server. The SPA passed the click id into the sign-up
 * ({@code <SignUp unsafeMetadata={{ dubClickId }} />}), so it arrives in the new user's unsafe metadata. The
 * lead then goes through the very flow of {@code POST /api/track-lead}, whose one flight per user makes a
 * delivery and an SPA call for the same user, or several deliveries of one event, send one lead.
 */
@ApplicationScoped
class SignUpEvents implements EventHandler<SignUpEvents.UserCreated> {
    /** Where the SPA puts the click id: the same name as the public metadata key the flow records. */
    static final String UNSAFE_METADATA_KEY = "dubClickId";

    /** The event's {@code data}: the new user; the SPA put the click id into its unsafe metadata. */
    @RegisterForReflection
    record UserCreated(String id, @JsonProperty("unsafe_metadata") Map<String, Object> unsafeMetadata) {
    }

    private final LeadFlow flow;

    SignUpEvents(LeadFlow flow) {
        this.flow = flow;
    }

    @Override
    public String eventType() {
        return "user.created";
    }

    @Override
    public Class<UserCreated> payloadType() {
        return UserCreated.class;
    }

    @Override
    public Uni<Outcome> handle(UserCreated user, Delivery delivery) {
        if (EventHandler.missing(user.id())) {
            return EventHandler.done(DeliveryResult.INVALID_PAYLOAD);
        }
        delivery.userId(user.id());
        Object clickId = user.unsafeMetadata() == null ? null : user.unsafeMetadata().get(UNSAFE_METADATA_KEY);
        // Nothing is marked without a click: the SPA's own call may still bring one from the dub_id cookie.
        if (!(clickId instanceof String text) || text.isEmpty()) {
            return EventHandler.done(LeadStatus.NO_CLICK);
        }
        if (!ClickId.isValid(text)) {
            return EventHandler.done(DeliveryResult.INVALID_CLICK_ID);
        }
        return flow.track(user.id(), Optional.empty(), Optional.of(text)).<Outcome>map(SignUpOutcome::status)
                // Deleted before the delivery arrived: every retry would find the same.
                .onFailure(UserNotFoundException.class).recoverWithItem(DeliveryResult.USER_NOT_FOUND);
    }
}
