package app.clerkdub.platform.upstream;

import java.time.Duration;
import java.util.Map;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * How long each upstream call made for one request took, retries included, for the request's log line
 * ({@code clerk_get_user=12ms dub_track_lead=20ms}). The request hands its map over once, and it is kept in the
 * request's Vert.x duplicated context, where {@link UpstreamCalls} finds it: an upstream call records into the
 * map of the request it was made for, and its result comes back on that request's context, so the flow's next
 * call does too. A flow that outlives its request (a deadline passed) still records, into a line already written.
 */
public final class CallTimings {
    private static final String KEY = CallTimings.class.getName();
    private static final String TRACES = KEY + ".traces";

    private CallTimings() {
    }

    /** The upstream calls made for the request served on this thread's context add their time to {@code timings}. */
    public static void collectInto(Map<String, Duration> timings) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, timings);
        }
    }

    /**
     * And the trace ids the upstreams gave their error answers go into {@code traces}, by field name
     * ({@code clerk_trace_id}): what Clerk's support asks for about a failed call.
     */
    public static void collectInto(Map<String, Duration> timings, Map<String, String> traces) {
        collectInto(timings);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(TRACES, traces);
        }
    }

    /** The trace-id map of the request served on this thread's context, or null when none was handed over. */
    static Map<String, String> tracesOfThisRequest() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(TRACES, null) : null;
    }

    /** The map of the request served on this thread's context, or null when none was handed over. */
    static Map<String, Duration> ofThisRequest() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY, null) : null;
    }
}
