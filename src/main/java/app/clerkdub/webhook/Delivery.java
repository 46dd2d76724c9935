package app.clerkdub.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What one delivery's log line says: its message id, event type and user, and how long each upstream call
 * took. A plain value: the lead flow may report to it after the delivery was answered (a deadline passed).
 * Never holds the body or a signature.
 */
final class Delivery {
    /** Svix's message ids ({@code msg_...}); a header that is not one is not repeated in the log. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final long startNanos = System.nanoTime();
    private final Map<String, Duration> upstreamTimings = new ConcurrentHashMap<>();
    private volatile String messageId = "-";
    private volatile String eventType = "-";
    private volatile String userId = "-";

    void messageId(String id) {
        this.messageId = id != null && MESSAGE_ID.matcher(id).matches() ? id : "-";
    }

    String messageId() {
        return messageId;
    }

    void eventType(String type) {
        this.eventType = type == null ? "-" : type;
    }

    String eventType() {
        return eventType;
    }

    void userId(String id) {
        this.userId = id == null ? "-" : id;
    }

    String userId() {
        return userId;
    }

    void upstream(String call, Duration took) {
        upstreamTimings.merge(call, took, Duration::plus);
    }

    Map<String, Duration> upstreamTimings() {
        return Map.copyOf(upstreamTimings);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
