package app.clerkdub.api.webhook;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.api.http.Deadline;
import app.clerkdub.api.http.Refusal;
import app.clerkdub.api.webhook.ClerkEvent.OrganizationCreated;
import app.clerkdub.api.webhook.ClerkEvent.PaymentAttempt;
import app.clerkdub.api.webhook.ClerkEvent.UserCreated;
import app.clerkdub.api.webhook.ClerkEvent.UserDeleted;
import app.clerkdub.api.webhook.WebhookOutcome.Result;
import io.smallrye.mutiny.Uni;

/**
 * Reads a verified delivery and hands it to its event's handler, answering in Svix's terms: 2xx when done, also
 * when there is nothing to do (an event not handled here, a payload that would fail on every retry), and 5xx
 * when an upstream failed, so that Svix delivers it again.
 */
@ApplicationScoped
class ClerkEvents {
    private final ObjectMapper json;
    private final SignUpEvents signUps;
    private final PaymentEvents payments;
    private final QualifyEvents qualifications;
    private final CustomerEvents customers;
    private final Deadline deadline;

    ClerkEvents(ObjectMapper json, SignUpEvents signUps, PaymentEvents payments, QualifyEvents qualifications,
            CustomerEvents customers, Deadline deadline) {
        this.json = json;
        this.signUps = signUps;
        this.payments = payments;
        this.qualifications = qualifications;
        this.customers = customers;
        this.deadline = deadline;
    }

    /** Never fails: every failure becomes the outcome that tells Svix what to do. */
    Uni<WebhookOutcome> handle(byte[] body, Delivery delivery) {
        ClerkEvent event;
        try {
            event = json.readValue(body, ClerkEvent.class);
        } catch (IOException notAnEvent) {
            return done(Result.INVALID_PAYLOAD);
        }
        if (event == null || event.type() == null || event.data() == null) {
            return done(Result.INVALID_PAYLOAD);
        }
        delivery.eventType(event.type());
        Uni<WebhookOutcome> handled;
        try {
            handled = switch (event.type()) {
                case ClerkEvent.USER_CREATED -> signUps.handle(json.treeToValue(event.data(), UserCreated.class), delivery);
                case ClerkEvent.PAYMENT_ATTEMPT_UPDATED ->
                    payments.handle(json.treeToValue(event.data(), PaymentAttempt.class), delivery);
                case ClerkEvent.USER_UPDATED ->
                    customers.userUpdated(json.treeToValue(event.data(), ClerkUser.class), delivery);
                case ClerkEvent.USER_DELETED ->
                    customers.userDeleted(json.treeToValue(event.data(), UserDeleted.class), delivery);
                case ClerkEvent.ORGANIZATION_CREATED ->
                    qualifications.organizationCreated(json.treeToValue(event.data(), OrganizationCreated.class), delivery);
                default -> done(Result.UNHANDLED_EVENT);
            };
        } catch (IOException wrongShape) {
            return done(Result.INVALID_PAYLOAD);
        } catch (RuntimeException unexpected) {
            // Answered as any failure (a JSON 5xx that Svix delivers again), never as the framework's error page.
            handled = Uni.createFrom().failure(unexpected);
        }
        // Svix waits 15 s; past the deadline it hears 504 and delivers again, while the flow still finishes.
        return deadline.bound(handled).onFailure().recoverWithItem(ClerkEvents::failed);
    }

    /** Answered as the endpoint answers the same failure, in words for Clerk: it will deliver the event again. */
    private static WebhookOutcome failed(Throwable failure) {
        Refusal refusal = Refusal.of(failure);
        return new WebhookOutcome.Refused(switch (refusal.code()) {
            case UPSTREAM_TIMEOUT -> refusal.saying(
                    "The upstreams did not finish within the deadline; Clerk will deliver the event again");
            case INTERNAL_ERROR -> refusal.saying("Unexpected failure; Clerk will deliver the event again");
            default -> refusal;
        });
    }

    private static Uni<WebhookOutcome> done(Result result) {
        return Uni.createFrom().item(WebhookOutcome.done(result));
    }
}
