package app.clerkdub.webhook;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One log line and one {@code webhooks.outcomes} count per delivery, beside the endpoint's own:
 * {@code webhook user.created 200 tracked id=msg_... user=user_... 45ms clerk_get_user=12ms ...}, and how the
 * payer's lead was qualified first, for a sale in deferred mode ({@code qualification=qualified}), and what the
 * customer at Dub needed when a {@code user.updated} was a qualification ({@code customer=unchanged}). Never the
 * body, a signature header, or anything of the user but their id.
 */
@ApplicationScoped
class WebhookLog {
    private static final Logger LOG = Logger.getLogger("app.clerkdub.requests");
    /** The event types a tag may name; any other is counted as {@code other}, so the tags stay few. */
    private static final Set<String> KNOWN = Set.of(ClerkEvent.USER_CREATED, ClerkEvent.PAYMENT_ATTEMPT_UPDATED,
            ClerkEvent.USER_UPDATED, ClerkEvent.ORGANIZATION_CREATED, ClerkEvent.USER_DELETED);

    private final MeterRegistry registry;

    WebhookLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void finish(Delivery delivery, WebhookOutcome outcome, String detail) {
        String event = delivery.eventType();
        Counter.builder("webhooks.outcomes")
                .description("Clerk webhook deliveries by event type and result")
                .tag("event", KNOWN.contains(event) ? event : "-".equals(event) ? "unknown" : "other")
                .tag("result", outcome.tag())
                .register(registry)
                .increment();
        Map<String, Long> timings = new TreeMap<>();
        delivery.upstreamTimings().forEach((call, took) -> timings.put(call, took.toMillis()));
        String upstream = timings.entrySet().stream()
                .map(entry -> " " + entry.getKey() + "=" + entry.getValue() + "ms")
                .collect(Collectors.joining());
        String qualified = delivery.qualification() == null ? "" : " qualification=" + delivery.qualification();
        String customer = delivery.customer() == null ? "" : " customer=" + delivery.customer();
        LOG.infof("webhook %s %d %s id=%s user=%s %dms%s%s%s%s", event, outcome.status(), outcome.tag(),
                delivery.messageId(), delivery.userId(), delivery.elapsed().toMillis(), upstream, qualified, customer,
                detail == null ? "" : " " + detail);
    }
}
