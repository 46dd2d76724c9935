package app.clerkdub.api.webhook;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.api.http.Refusal;
import app.clerkdub.api.http.RequestDeadline;
import app.clerkdub.lead.Outcome;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;

/**
 * Reads a verified delivery and hands it to the handler of its event type, each handler a bean found by its type
 * ({@link EventHandler}), answering in Svix's terms: 2xx when done, also when there is nothing to do (an event no
 * handler takes, a payload that would fail on every retry), and 5xx when an upstream failed, so that Svix delivers
 * it again.
 */
@ApplicationScoped
class ClerkEvents {
    private final ObjectMapper json;
    private final Map<String, EventHandler<?>> handlers;
    private final RequestDeadline deadline;

    ClerkEvents(ObjectMapper json, @All List<EventHandler<?>> handlers, RequestDeadline deadline) {
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(EventHandler::eventType,
                Function.identity()));
        this.deadline = deadline;
    }

    /** Never fails: every failure becomes the outcome that tells Svix what to do. */
    Uni<WebhookOutcome> handle(byte[] body, Delivery delivery) {
        ClerkEvent event;
        try {
            event = json.readValue(body, ClerkEvent.class);
        } catch (IOException notAnEvent) {
            return done(DeliveryResult.INVALID_PAYLOAD);
        }
        if (event == null || event.type() == null || event.data() == null || !event.data().isObject()) {
            return done(DeliveryResult.INVALID_PAYLOAD);
        }
        EventHandler<?> handler = handlers.get(event.type());
        delivery.event(event.type(), handler != null);
        if (handler == null) {
            return done(DeliveryResult.UNHANDLED_EVENT);
        }
        Uni<WebhookOutcome> handled;
        try {
            handled = handled(handler, event, delivery).map(WebhookOutcome.Done::new);
        } catch (IOException wrongShape) {
            return done(DeliveryResult.INVALID_PAYLOAD);
        } catch (RuntimeException unexpected) {
            // Answered as any failure (a JSON 5xx that Svix delivers again), never as the framework's error page.
            handled = Uni.createFrom().failure(unexpected);
        }
        // Svix waits 15 s; past the deadline it hears 504 and delivers again, while the flow still finishes.
        return deadline.bound(handled).onFailure().recoverWithItem(ClerkEvents::failed);
    }

    private <T> Uni<Outcome> handled(EventHandler<T> handler, ClerkEvent event, Delivery delivery)
            throws IOException {
        return handler.handle(json.treeToValue(event.data(), handler.payloadType()), delivery);
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

    private static Uni<WebhookOutcome> done(DeliveryResult result) {
        return Uni.createFrom().item(new WebhookOutcome.Done(result));
    }
}
