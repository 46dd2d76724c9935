package app.clerkdub.webhook;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.lead.LeadConfig;
import app.clerkdub.lead.quota.BusyException;
import app.clerkdub.lead.quota.RateLimitedException;
import app.clerkdub.upstream.Deadline;
import app.clerkdub.upstream.UpstreamException;
import app.clerkdub.webhook.ClerkEvent.PaymentAttempt;
import app.clerkdub.webhook.ClerkEvent.UserCreated;
import io.smallrye.mutiny.Uni;

/**
 * Reads a verified delivery and hands it to its event's handler, answering in Svix's terms: 2xx when done, also
 * when there is nothing to do (an event not handled here, a payload that would fail on every retry), and 5xx
 * when an upstream failed, so that Svix delivers it again.
 */
@ApplicationScoped
class ClerkEvents {
    private static final Logger LOG = Logger.getLogger(ClerkEvents.class);

    private final ObjectMapper json;
    private final SignUpEvents signUps;
    private final PaymentEvents payments;
    private final Deadline deadline;
    private final LeadConfig lead;

    ClerkEvents(ObjectMapper json, SignUpEvents signUps, PaymentEvents payments, LeadConfig lead,
            Deadline deadline) {
        this.json = json;
        this.signUps = signUps;
        this.payments = payments;
        this.deadline = deadline;
        this.lead = lead;
    }

    /** Never fails: every failure becomes the outcome that tells Svix what to do. */
    Uni<WebhookOutcome> handle(byte[] body, Delivery delivery) {
        ClerkEvent event;
        try {
            event = json.readValue(body, ClerkEvent.class);
        } catch (IOException notAnEvent) {
            return done("invalid_payload");
        }
        if (event == null || event.type() == null || event.data() == null) {
            return done("invalid_payload");
        }
        delivery.eventType(event.type());
        Uni<WebhookOutcome> handled;
        try {
            handled = switch (event.type()) {
                case ClerkEvent.USER_CREATED -> signUps.handle(json.treeToValue(event.data(), UserCreated.class), delivery);
                case ClerkEvent.PAYMENT_ATTEMPT_UPDATED ->
                    payments.handle(json.treeToValue(event.data(), PaymentAttempt.class), delivery);
                default -> done("unhandled_event");
            };
        } catch (IOException wrongShape) {
            return done("invalid_payload");
        }
        // Svix waits 15 s; past the deadline it hears 504 and delivers again, while the flow still finishes.
        return deadline.bound(handled, lead.deadline())
                .onFailure().recoverWithItem(ClerkEvents::failed);
    }

    private static WebhookOutcome failed(Throwable failure) {
        if (failure instanceof UpstreamException upstream) {
            LOG.warn(upstream.getMessage());
            int status = switch (upstream.kind()) {
                case CIRCUIT_OPEN -> 503;
                case TIMEOUT -> 504;
                default -> 502;
            };
            return WebhookOutcome.retry(status, upstream.upstream().errorCode(), upstream.getMessage());
        }
        // The user's budget or the instance's bound on flows: nothing was sent, and Svix's next try will pass.
        if (failure instanceof RateLimitedException || failure instanceof BusyException) {
            boolean limited = failure instanceof RateLimitedException;
            return WebhookOutcome.retry(limited ? 429 : 503, limited ? "rate_limited" : "busy", failure.getMessage());
        }
        if (failure instanceof TimeoutException) {
            return WebhookOutcome.retry(504, "upstream_timeout",
                    "The upstreams did not finish within the deadline; Clerk will deliver the event again");
        }
        LOG.error("Unexpected failure handling a Clerk webhook", failure);
        return WebhookOutcome.retry(500, "internal_error", "Unexpected failure; Clerk will deliver the event again");
    }

    private static Uni<WebhookOutcome> done(String result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
