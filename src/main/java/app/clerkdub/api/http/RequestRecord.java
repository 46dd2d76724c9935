package app.clerkdub.api.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.ext.web.RoutingContext;

/**
 * What one request's log line says: whose request it was and how long each upstream call took (the calls
 * record that themselves, into {@link #upstreamTimings()}). The user id is set once the session is verified; a
 * token never goes here. Kept with the request's routing context.
 */
public final class RequestRecord {
    private static final String KEY = RequestRecord.class.getName();

    private final long startNanos = System.nanoTime();
    private final Map<String, Duration> upstreamTimings = new ConcurrentHashMap<>();
    private final Map<String, String> upstreamTraces = new ConcurrentHashMap<>();
    private volatile String userId;
    private volatile boolean invalidCookie;

    private RequestRecord() {
    }

    /** The request's record, made on first use (an answer before the endpoint ran, such as a 401, has none yet). */
    public static RequestRecord of(RoutingContext request) {
        RequestRecord record = request.get(KEY);
        if (record == null) {
            record = new RequestRecord();
            request.put(KEY, record);
        }
        return record;
    }

    public void userId(String userId) {
        this.userId = userId;
    }

    String userId() {
        return userId;
    }

    /** The request sent a {@code dub_id} cookie that is not a click id: it is cleared, and counted. */
    public void invalidCookie() {
        this.invalidCookie = true;
    }

    public boolean hadInvalidCookie() {
        return invalidCookie;
    }

    /** Each upstream call's name and time, retries included; written to by the calls, possibly after the answer. */
    public Map<String, Duration> upstreamTimings() {
        return upstreamTimings;
    }

    /** The trace ids the upstreams gave their error answers, by field name ({@code clerk_trace_id}). */
    public Map<String, String> upstreamTraces() {
        return upstreamTraces;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
