package app.clerkdub.api.webhook;

import app.clerkdub.lead.Outcome;
import io.smallrye.mutiny.Uni;

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
