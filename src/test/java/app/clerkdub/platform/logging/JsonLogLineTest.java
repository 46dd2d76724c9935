package app.clerkdub.platform.logging;

import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.platform.logging.LogLines.SecretRedaction;
import app.clerkdub.sandbox.ClerkUser;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The request and delivery lines as LOG_JSON=true writes them: each line this test's requests log is taken as
 * the console handler gets it (through the secret-redaction filter) and written by quarkus-logging-json's own
 * formatter, with the key override application.properties gives it. The suite's log file stays plain text,
 * which the other tests read.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class JsonLogLineTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String SPA_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Logger REQUESTS = Logger.getLogger("app.clerkdub.requests");

    final Lines lines = new Lines();

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void listen() {
        Fakes.reset();
        REQUESTS.addHandler(lines);
    }

    @AfterEach
    void stopListening() {
        REQUESTS.removeHandler(lines);
    }

    @Test
    void theRequestLineCarriesItsFactsAsFieldsAndLeadsToItsTrace() throws Exception {
        String user = "user_json_line";
        Fakes.clerk().givenUser(ClerkUser.named(user));
        Fakes.dub().givenLeadTracked();
        withBearer(session().subject(user).sign()).cookie("dub_id", CLICK)
                .header("traceparent", "00-" + SPA_TRACE + "-00f067aa0ba902b7-01")
                .post(PATH).then().statusCode(200);

        JsonNode line = lines.awaitLine("track-lead 200 tracked user=" + user + " ");
        assertEquals("INFO", line.get("severity").asText());
        JsonNode fields = line.get("mdc");
        assertEquals("tracked", fields.get("outcome").asText());
        assertEquals("200", fields.get("status").asText());
        assertEquals(user, fields.get("user").asText());
        for (String number : List.of("duration_ms", "clerk_get_user_ms", "dub_track_lead_ms",
                "clerk_update_metadata_ms")) {
            assertTrue(fields.path(number).asText().matches("\\d+"), number + " in " + fields);
        }
        assertEquals(SPA_TRACE, fields.get("trace_id").asText());
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && SPA_TRACE.equals(span.getTraceId()))
                .findFirst().orElse(null), span -> span != null);
        assertEquals(request.getSpanId(), fields.get("span_id").asText(), "the line names the request's span");
        assertEquals("tracked", request.getAttributes().get(AttributeKey.stringKey("lead.outcome")));
    }

    /** Clerk's error answers name a trace id for its support: the failed request's line carries it as a field. */
    @Test
    void aFailedCallsClerkTraceIdIsAFieldOfTheLine() throws Exception {
        String user = "user_json_clerk_down";
        Fakes.clerk().givenGetUserAnswers(user, ClerkFake.error(500, "internal_clerk_error", "Clerk is down"));
        withBearer(session().subject(user).sign()).post(PATH).then().statusCode(502);

        JsonNode line = lines.awaitLine("track-lead 502 clerk_unavailable user=" + user + " ");
        String traceId = line.get("mdc").path("clerk_trace_id").asText();
        assertTrue(traceId.matches("trace_\\w+"), line.toString());
        assertTrue(line.get("message").asText().contains(" clerk_trace_id=" + traceId), line.toString());
    }

    @Test
    void theDeliveryLineCarriesItsFactsAsFields() throws Exception {
        String user = "user_json_delivery";
        Fakes.clerk().givenUser(ClerkUser.named(user));
        Fakes.dub().givenLeadTracked();
        ObjectNode event = example("user.created");
        ((ObjectNode) event.get("data")).put("id", user).putObject("unsafe_metadata").put("dubClickId", CLICK);
        String messageId = newMessageId();
        deliver(event, messageId).then().statusCode(200);

        JsonNode fields = lines.awaitLine("webhook user.created 200 tracked id=" + messageId + " ").get("mdc");
        assertEquals("user.created", fields.get("event").asText());
        assertEquals("tracked", fields.get("outcome").asText());
        assertEquals("200", fields.get("status").asText());
        assertEquals(messageId, fields.get("message_id").asText());
        assertEquals(user, fields.get("user").asText());
        assertTrue(fields.path("clerk_get_user_ms").asText().matches("\\d+"), fields.toString());
        assertTrue(fields.path("trace_id").asText().matches("[0-9a-f]{32}"), fields.toString());
    }

    @Test
    void aSecretInAFieldIsRedactedAsInTheMessage() throws Exception {
        String token = session().sign();
        MDC.put("leaked", "Bearer " + token);
        try {
            REQUESTS.info("a line whose context holds a token");
        } finally {
            MDC.remove("leaked");
        }

        assertEquals("Bearer [redacted]", lines.awaitLine("a line whose context holds a token").get("mdc").get("leaked")
                .asText());
    }

    /** The lines of app.clerkdub.requests, as the console handler gets them, written as JSON. */
    static final class Lines extends ExtHandler {
        private final JsonFormatter json = new JsonFormatter("level=severity");
        private final List<String> written = new CopyOnWriteArrayList<>();

        Lines() {
            setFilter(new SecretRedaction());
        }

        @Override
        protected void doPublish(ExtLogRecord record) {
            written.add(json.format(record));
        }

        JsonNode awaitLine(String messageStart) throws Exception {
            String line = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> written.stream().filter(text -> message(text).startsWith(messageStart)).findFirst()
                            .orElse(null), text -> text != null);
            return JSON.readTree(line);
        }

        private static String message(String line) {
            try {
                return JSON.readTree(line).path("message").asText();
            } catch (Exception notJson) {
                throw new IllegalStateException(line, notJson);
            }
        }
    }
}
