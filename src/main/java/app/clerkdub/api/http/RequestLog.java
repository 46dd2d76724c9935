package app.clerkdub.api.http;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import app.clerkdub.platform.logging.LogLines.RequestEnded;
import app.clerkdub.platform.logging.LogLines.RequestFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line and one {@code leads.outcomes} count per request to the endpoint:
 * {@code track-lead 200 tracked user=user_2ab... 45ms clerk_get_user=12ms dub_track_lead=20ms ...}, whose facts
 * are also the line's fields ({@code outcome}, {@code status}, {@code user}, {@code duration_ms},
 * {@code clerk_get_user_ms}, ..., see {@link RequestFacts}) and the outcome an attribute of the request's span
 * ({@code lead.outcome}). It never holds a token, a cookie value or a key. The same outcome and time are then fired
 * as a {@link RequestEnded}, which the Lambda build writes as a CloudWatch metric line.
 */
@ApplicationScoped
public class RequestLog {
    private static final Logger LOG = Logger.getLogger("app.clerkdub.requests");
    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Counter invalidCookies;
    private final Event<RequestEnded> ended;

    RequestLog(MeterRegistry registry, Event<RequestEnded> ended) {
        this.registry = registry;
        this.ended = ended;
        this.invalidCookies = Counter.builder("leads.invalid.cookies")
                .description("dub_id cookies that were not a click id: cleared and taken as absent")
                .register(registry);
    }

    private Counter counter(String outcome) {
        return Counter.builder("leads.outcomes")
                .description("Answers of POST /api/track-lead by status or error code")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void finish(RequestRecord record, int httpStatus, String outcome) {
        outcomes.computeIfAbsent(outcome, this::counter).increment();
        if (record.hadInvalidCookie()) {
            invalidCookies.increment();
        }
        long millis = record.elapsed().toMillis();
        RequestFacts facts = RequestFacts.of("lead").span("outcome", outcome)
                .field("outcome", outcome).field("status", httpStatus).field("duration_ms", millis);
        // Put together here rather than by a format string: it is written for every request, on the event loop.
        StringBuilder line = new StringBuilder(160).append("track-lead ").append(httpStatus).append(' ').append(outcome)
                .append(" user=").append(record.userId() == null ? "-" : record.userId())
                .append(' ').append(millis).append("ms");
        if (record.userId() != null) {
            facts.field("user", record.userId());
        }
        new TreeMap<>(record.upstreamTimings()).forEach((call, took) -> {
            line.append(' ').append(call).append('=').append(took.toMillis()).append("ms");
            facts.field(call + "_ms", took.toMillis());
        });
        new TreeMap<>(record.upstreamTraces()).forEach((field, traceId) -> {
            line.append(' ').append(field).append('=').append(traceId);
            facts.field(field, traceId);
        });
        if (record.hadInvalidCookie()) {
            line.append(" invalid_dub_id_cookie");
            facts.field("invalid_dub_id_cookie", "true");
        }
        facts.log(LOG, line.toString());
        ended.fire(new RequestEnded(RequestEnded.LEAD, outcome, httpStatus, millis, null));
    }

    /**
     * What one request's log line says: whose request it was and how long each upstream call took (the calls
     * record that themselves, into {@link #upstreamTimings()}). The user id is set once the session is verified; a
     * token never goes here. Kept with the request's routing context.
     */
    public static final class RequestRecord {
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
}
