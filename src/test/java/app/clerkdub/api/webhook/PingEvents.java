package app.clerkdub.api.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.api.webhook.ClerkEvents.EventHandler;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.Outcome;
import io.smallrye.mutiny.Uni;

/**
 * A handler that only the tests have, for an event type Clerk does not send: a new event is one bean of
 * {@link EventHandler}, which the dispatcher finds with nothing else edited.
 */
@ApplicationScoped
class PingEvents implements EventHandler<PingEvents.Ping> {
    static final String TYPE = "test.pinged";

    record Ping(String id) {
    }

    enum Result implements Outcome {
        PONGED
    }

    private final List<String> received = new CopyOnWriteArrayList<>();

    /** The ids of the pings handled, read through the bean's proxy. */
    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public Class<Ping> payloadType() {
        return Ping.class;
    }

    @Override
    public Uni<Outcome> handle(Ping ping, Delivery delivery) {
        received.add(ping.id());
        delivery.userId(ping.id());
        return EventHandler.done(Result.PONGED);
    }
}
