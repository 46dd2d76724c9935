package app.clerkdub.api.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import app.clerkdub.platform.upstream.CallTimings;

/**
 * What one delivery's log line says: its message id, event type and user, and how long each upstream call
 * took (the calls record that themselves, see {@link CallTimings}). Never holds the body or a signature.
 * Made on the delivery's own context, where the upstream calls made for it find its timings.
 */
final class Delivery {
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
