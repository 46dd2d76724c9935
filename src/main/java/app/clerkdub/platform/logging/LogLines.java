package app.clerkdub.platform.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtLogRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.logging.LoggingFilter;

/**
 * How the service's log lines are written: each request's and delivery's line carries its facts as fields and span
 * attributes ({@link RequestFacts}), and every line, whoever writes it, has its secrets taken out first
 * ({@link SecretRedaction}).
 */
public final class LogLines {
    private LogLines() {
    }

    /**
     * How one request to the endpoint or one webhook delivery ended, fired as a synchronous CDI event right after its
     * log line, for whatever reports it elsewhere: the Lambda build writes it as a CloudWatch Embedded Metric Format
     * line ({@code app.clerkdub.lambda.EmbeddedMetrics}); the container's build has no observer, and the event then
     * costs a lookup of none. Its values are bounded tags and numbers, never a user's id, a token or a key.
     *
     * @param flow    {@code lead} (POST /api/track-lead) or {@code webhook} (a Clerk delivery)
     * @param outcome what the log line's {@code outcome} field holds: the status or error code, the webhook's result
     * @param status  the HTTP status of the answer
     * @param millis  how long the request or delivery took
     * @param event   the delivery's event type as its {@code webhooks.outcomes} tag names it ({@code user.created},
     *                {@code other}, {@code unknown}); null for a lead
     */
    public record RequestEnded(String flow, String outcome, int status, long millis, String event) {
        public static final String LEAD = "lead";
        public static final String WEBHOOK = "webhook";
    }

    /**
     * The facts of one request's or webhook delivery's log line, written where they can be queried: each is an
     * MDC entry of that one line (with {@code LOG_JSON=true}, quarkus-logging-json writes them as fields of the
     * line's {@code "mdc"} object), and those that say how it ended are also attributes of the request's server
     * span ({@link #span}: {@code lead.outcome}), with the span's {@code trace_id} and {@code span_id} on the line, so that each
     * leads to the other. The text message stays, for people. Values are ids, codes and numbers, never a token,
     * a key, a cookie value, an email or a name; {@link SecretRedaction} reads the entries too.
     * <p>
     * Made on the request's context, where the current span is its server span; with tracing off that span is
     * the no-op one, whose attributes cost nothing and whose ids are not written.
     */
    public static final class RequestFacts {
        private final String spanPrefix;
        private final Span span = Span.current();
        private final Map<String, String> fields = new LinkedHashMap<>();

        private RequestFacts(String spanPrefix) {
            this.spanPrefix = spanPrefix;
        }

        /** @param spanPrefix what the span's attributes are named under: {@code lead}, {@code webhook} */
        public static RequestFacts of(String spanPrefix) {
            return new RequestFacts(spanPrefix);
        }

        /** An attribute of the request's span, named {@code <spanPrefix>.<name>}. */
        public RequestFacts span(String name, String value) {
            span.setAttribute(spanPrefix + "." + name, value);
            return this;
        }

        /** A fact of the line only. */
        public RequestFacts field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        public RequestFacts field(String name, long value) {
            return field(name, Long.toString(value));
        }

        /** Writes {@code message} at INFO with the facts, which are this line's only. */
        public void log(Logger log, String message) {
            SpanContext context = span.getSpanContext();
            if (context.isValid()) {
                fields.put("trace_id", context.getTraceId());
                fields.put("span_id", context.getSpanId());
            }
            fields.forEach(MDC::put);
            try {
                log.info(message);
            } finally {
                fields.keySet().forEach(MDC::remove);
            }
        }
    }

    /**
     * Takes secrets out of every log line before it is written, whoever logs it: quarkus-oidc, at
     * DEBUG, prints the tokens it rejects, and a library's message may quote a header. JWTs, Clerk
     * secret keys, Dub API keys and webhook signing secrets become {@code [redacted]}, in the message and in every MDC entry (the JSON
     * lines' fields, see {@link RequestFacts}). quarkus-oidc's advice for an unreachable issuer, which is about
     * Keycloak's realms, is replaced by what applies to Clerk.
     */
    @LoggingFilter(name = SecretRedaction.NAME)
    public static final class SecretRedaction implements Filter {
        public static final String NAME = "secret-redaction";
        static final String REDACTED = "[redacted]";
        static final Pattern SECRETS = Pattern.compile(
                "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*" // a JWS: header.payload.signature
                        + "|\\bsk_(?:live|test)_[A-Za-z0-9]+" // Clerk secret keys
                        + "|\\bdub_[A-Za-z0-9]{16,}" // Dub API keys (dub_ and a long random part)
                        + "|\\bwhsec_[A-Za-z0-9+/=]{8,}"); // Clerk's webhook signing secrets
        static final Pattern KEYCLOAK_HINT = Pattern.compile(
                " Note it has to end with a realm value if you work with Keycloak, for example: '[^']*'");
        static final String CLERK_HINT = " Clerk's issuer is the instance's Frontend API URL (CLERK_ISSUER, or derived from "
                + "CLERK_PUBLISHABLE_KEY), and it must be reachable from here.";

        @Override
        public boolean isLoggable(LogRecord record) {
            String message = record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage();
            if (message != null && (SECRETS.matcher(message).find() || KEYCLOAK_HINT.matcher(message).find())) {
                String redacted = redact(message);
                if (record instanceof ExtLogRecord extended) {
                    extended.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(redacted);
                }
                record.setParameters(null);
            }
            if (record instanceof ExtLogRecord extended) {
                // The line's own copy of the MDC, which is what the formatter writes; the context's is left as it is.
                for (Map.Entry<String, String> entry : extended.getMdcCopy().entrySet()) {
                    if (entry.getValue() != null && SECRETS.matcher(entry.getValue()).find()) {
                        extended.putMdc(entry.getKey(), redact(entry.getValue()));
                    }
                }
            }
            return true;
        }

        static String redact(String text) {
            String redacted = SECRETS.matcher(text).replaceAll(REDACTED);
            return KEYCLOAK_HINT.matcher(redacted).replaceAll(Matcher.quoteReplacement(CLERK_HINT));
        }
    }
}
