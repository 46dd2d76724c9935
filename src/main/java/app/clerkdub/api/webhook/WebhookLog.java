package app.clerkdub.api.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import app.clerkdub.api.webhook.ClerkWebhookRoute.WebhookOutcome;
import app.clerkdub.platform.logging.LogLines.RequestEnded;
import app.clerkdub.platform.logging.LogLines.RequestFacts;
import app.clerkdub.platform.upstream.UpstreamCalls.CallTimings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One log line and one {@code webhooks.outcomes} count per delivery, beside the endpoint's own:
 * {@code webhook user.created 200 tracked id=msg_... user=user_... 45ms clerk_get_user=12ms ...}, and how the
 * payer's lead was qualified first, for a sale in deferred mode ({@code qualification=qualified}), and what the
 * customer at Dub needed when a {@code user.updated} was a qualification ({@code customer=unchanged}). The same
 * facts are the line's fields ({@code event}, {@code outcome}, {@code status}, {@code message_id}, {@code user},
 * {@code duration_ms}, {@code clerk_get_user_ms}, ..., see {@link RequestFacts}), and the event and result are
 * attributes of the delivery's span ({@code webhook.event}, {@code webhook.result}). Never the body, a signature
 * header, or anything of the user but their id. The result and time are then fired as a {@link RequestEnded}, which
 * the Lambda build writes as a CloudWatch metric line.
 */
@ApplicationScoped
class WebhookLog {
    private static final Logger LOG = Logger.getLogger("app.clerkdub.requests");
    private final MeterRegistry registry;
    private final Event<RequestEnded> ended;

    WebhookLog(MeterRegistry registry, Event<RequestEnded> ended) {
        this.registry = registry;
        this.ended = ended;
    }

    /** @param reason why a refused delivery was refused, when that says more than its outcome */
    void finish(Delivery delivery, WebhookOutcome outcome, String reason) {
        String event = delivery.eventType();
        String eventTag = delivery.eventTag();
        Counter.builder("webhooks.outcomes")
                .description("Clerk webhook deliveries by event type and result")
                .tag("event", eventTag)
                .tag("result", outcome.tag())
                .register(registry)
                .increment();
        long millis = delivery.elapsed().toMillis();
        RequestFacts facts = RequestFacts.of("webhook").span("event", event).span("result", outcome.tag())
                .field("event", event).field("outcome", outcome.tag()).field("status", outcome.status())
                .field("duration_ms", millis).field("message_id", delivery.messageId())
                .field("user", delivery.userId());
        StringBuilder line = new StringBuilder(160).append("webhook ").append(event).append(' ')
                .append(outcome.status()).append(' ').append(outcome.tag()).append(" id=").append(delivery.messageId())
                .append(" user=").append(delivery.userId()).append(' ').append(millis).append("ms");
        new TreeMap<>(delivery.upstreamTimings()).forEach((call, took) -> {
            line.append(' ').append(call).append('=').append(took.toMillis()).append("ms");
            facts.field(call + "_ms", took.toMillis());
        });
        new TreeMap<>(delivery.upstreamTraces()).forEach((field, traceId) -> {
            line.append(' ').append(field).append('=').append(traceId);
            facts.field(field, traceId);
        });
        if (delivery.qualification() != null) {
            line.append(" qualification=").append(delivery.qualification());
            facts.field("qualification", delivery.qualification());
        }
        if (delivery.customer() != null) {
            line.append(" customer=").append(delivery.customer());
            facts.field("customer", delivery.customer());
        }
        if (reason != null) {
            line.append(" reason=").append(reason);
            facts.field("reason", reason);
        }
        facts.log(LOG, line.toString());
        ended.fire(new RequestEnded(RequestEnded.WEBHOOK, outcome.tag(), outcome.status(), millis, eventTag));
    }

    /**
     * What one delivery's log line says: its message id, event type and user, and how long each upstream call
     * took (the calls record that themselves, see {@link CallTimings}). Never holds the body or a signature.
     * Made on the delivery's own context, where the upstream calls made for it find its timings.
     */
    static final class Delivery {
        /** Svix's message ids ({@code msg_...}); a header that is not one is not repeated in the log. */
        private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

        private final long startNanos = System.nanoTime();
        private final Map<String, Duration> upstreamTimings = new ConcurrentHashMap<>();
        private final Map<String, String> upstreamTraces = new ConcurrentHashMap<>();

        Delivery() {
            CallTimings.collectInto(upstreamTimings, upstreamTraces);
        }
        private volatile String messageId = "-";
        private volatile String eventType = "-";
        private volatile String eventTag = "unknown";
        private volatile String userId = "-";
        private volatile String qualification;
        private volatile String customer;

        void messageId(String id) {
            this.messageId = id != null && MESSAGE_ID.matcher(id).matches() ? id : "-";
        }

        String messageId() {
            return messageId;
        }

        /** @param handled whether a handler takes the event: the metric names only those, so that its tags stay few */
        void event(String type, boolean handled) {
            this.eventType = type;
            this.eventTag = handled ? type : "other";
        }

        String eventType() {
            return eventType;
        }

        /** The metric's event tag: the type when a handler takes it, {@code other} for any other, {@code unknown} unread. */
        String eventTag() {
            return eventTag;
        }

        void userId(String id) {
            this.userId = id == null ? "-" : id;
        }

        String userId() {
            return userId;
        }

        /** How the payer's lead was qualified before the sale, when it was (deferred mode). */
        void qualification(String result) {
            this.qualification = result;
        }

        String qualification() {
            return qualification;
        }

        /** What the user's customer at Dub needed, when the delivery's result says something else (a qualification). */
        void customer(String result) {
            this.customer = result;
        }

        String customer() {
            return customer;
        }

        Map<String, Duration> upstreamTimings() {
            return upstreamTimings;
        }

        Map<String, String> upstreamTraces() {
            return upstreamTraces;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }
}
