package app.clerkdub.api.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.api.http.Refusal;
import app.clerkdub.api.webhook.ClerkWebhookRoute.WebhookOutcome;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.LeadConfig;
import app.clerkdub.lead.Outcome;
import app.clerkdub.platform.upstream.UpstreamCalls.Deadline;
import io.quarkus.arc.All;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
    private final Deadline deadline;
    /** The most a delivery's handling may take ({@code lead.deadline}): Svix waits 15 s. */
    private final Duration limit;

    ClerkEvents(ObjectMapper json, @All List<EventHandler<?>> handlers, Deadline deadline, LeadConfig lead) {
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(EventHandler::eventType,
                Function.identity()));
        this.deadline = deadline;
        this.limit = lead.deadline();
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
        return deadline.bound(handled, limit).onFailure().recoverWithItem(ClerkEvents::failed);
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

    /**
     * Clerk's webhook envelope (its spec's {@code WebhookEventPayload}): the event's type names its handler
     * ({@link EventHandler}), which reads {@code data}. Read with the application's {@code ObjectMapper} outside the REST
     * layer, which registers nothing for it: hence the annotation, for the native binary.
     */
    @RegisterForReflection
    record ClerkEvent(String type, JsonNode data) {
    }

    /**
     * The handling of one Clerk event type. Every bean of this type is found by the dispatcher ({@link ClerkEvents}), so a
     * new event is one new class: its type, its payload (the event's {@code data}, read into {@code T}, registered for
     * reflection since it is read outside the REST layer) and what it does.
     *
     * @param <T> the event's {@code data}, as Clerk's webhook spec (version 2025-04-15) describes it
     */
    public interface EventHandler<T> {
        /** The event type, as Clerk names it ({@code user.created}). */
        String eventType();

        Class<T> payloadType();

        /**
         * The event's handling: a failure is answered as the endpoint answers the same failure, and Svix delivers the
         * event again. A payload that would fail on every retry is {@link DeliveryResult#INVALID_PAYLOAD}.
         */
        Uni<Outcome> handle(T payload, Delivery delivery);

        /** An outcome known now. */
        static Uni<Outcome> done(Outcome outcome) {
            return Uni.createFrom().item(outcome);
        }

        /** Whether an id the payload must carry is missing. */
        static boolean missing(String id) {
            return id == null || id.isBlank();
        }
    }
}
