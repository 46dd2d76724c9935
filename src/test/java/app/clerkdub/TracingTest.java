package app.clerkdub;

import static app.clerkdub.fakes.ClerkWebhooks.bytes;
import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.example;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.ClerkWebhooks.now;
import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.WebhookSigner;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The traces the service exports (into fakes/Spans' in-memory exporter, where a deployment's go to its
 * collector): one per request and per webhook delivery, its upstream calls as child spans, its outcome as
 * attributes, the SPA's trace continued, and nothing secret in any span.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class TracingTest {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    /** What the SPA sends when it traces its own call: W3C trace context, sampled. */
    static final String SPA_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String SPA_SPAN = "b7ad6b7169203331";
    static final List<String> LEAD_CALLS = List.of("GET /v1/users/{userId}", "POST /track/lead",
            "PATCH /v1/users/{userId}/metadata");
    /** The user Clerk's fake returns: a name and an email, which no span may hold. */
    static final Set<String> PERSONAL = Set.of("Lovelace", "ada@example.com");

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void reset() {
        Fakes.reset();
        exporter.reset();
    }

    @Test
    void aNewUsersLeadIsOneTraceWithItsThreeUpstreamCallsInOrder() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        String token = session().sign();
        withBearer(token).cookie("dub_id", CLICK).header("traceparent", "00-" + SPA_TRACE + "-" + SPA_SPAN + "-01")
                .post(PATH).then().statusCode(200).body("status", equalTo("tracked"));

        SpanData request = awaitServerSpan(PATH, 3);
        assertEquals(SPA_TRACE, request.getTraceId(), "the SPA's trace goes on");
        assertEquals(SPA_SPAN, request.getParentSpanId());
        assertEquals("tracked", request.getAttributes().get(AttributeKey.stringKey("lead.outcome")));
        List<SpanData> calls = children(request);
        assertEquals(LEAD_CALLS, names(calls));
        assertEquals("00-" + SPA_TRACE + "-" + calls.get(1).getSpanId() + "-01",
                Fakes.dub().leads().get(0).getHeader("traceparent"), "Dub is told the trace, as its call's child");
        assertNoSecret(token, CLICK);
    }

    @Test
    void aWebhookDeliveryIsItsOwnTraceWithItsUpstreamCalls() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenLeadTracked();
        ObjectNode event = example("user.created");
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", USER_ID);
        data.putObject("unsafe_metadata").put("dubClickId", CLICK);
        byte[] body = bytes(event);
        String messageId = newMessageId();
        long now = now();
        String signature = WebhookSigner.signature(ClerkWebhooks.SECRET, messageId, now, body);
        deliver(body, messageId, now, signature).then().statusCode(200).body("result", equalTo("tracked"));

        SpanData delivery = awaitServerSpan(ClerkWebhooks.PATH, 3);
        Attributes attributes = delivery.getAttributes();
        assertEquals("user.created", attributes.get(AttributeKey.stringKey("webhook.event")));
        assertEquals("tracked", attributes.get(AttributeKey.stringKey("webhook.result")));
        assertEquals(LEAD_CALLS, names(children(delivery)));
        assertNoSecret(signature, ClerkWebhooks.SECRET, data.path("first_name").asText("Jane"),
                data.path("last_name").asText("Doe"));
    }

    @Test
    void theRequestsSpanCountsAnUpstreamCallsRetriesAndTellsHowItFailed() {
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "An internal server error occurred.")
                .withStatus(503));
        withBearer(session().sign()).cookie("dub_id", CLICK).post(PATH).then().statusCode(502);

        SpanData request = awaitServerSpan(PATH, 4);
        Attributes attributes = request.getAttributes();
        assertEquals("dub_unavailable", attributes.get(AttributeKey.stringKey("lead.outcome")));
        assertEquals(2L, attributes.get(AttributeKey.longKey("upstream.dub_track_lead.retries")));
        assertEquals("unavailable", attributes.get(AttributeKey.stringKey("upstream.dub_track_lead.result")));
        assertEquals(503L, attributes.get(AttributeKey.longKey("upstream.dub_track_lead.status")));
        assertEquals(null, attributes.get(AttributeKey.longKey("upstream.clerk_get_user.retries")),
                "a call that passed at once says nothing");
        List<SpanData> calls = children(request);
        assertEquals(List.of("GET /v1/users/{userId}", "POST /track/lead", "POST /track/lead", "POST /track/lead"),
                names(calls));
        calls.subList(1, 4).forEach(call -> assertEquals(503L,
                call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))));
    }

    /**
     * The suite names no collector, so the service's own setting (app.clerkdub.platform.logging.TraceExport, read in
     * Quarkus' configuration as a deployment's is) turns the SDK off; the test class path's settings turn it on.
     */
    @Test
    void withNoCollectorNamedTheServiceTurnsTheSdkOff() {
        ConfigSource derived = StreamSupport.stream(ConfigProvider.getConfig().getConfigSources().spliterator(), false)
                .filter(source -> source.getName().contains("trace export")).findFirst().orElseThrow();
        assertEquals("true", derived.getValue("quarkus.otel.sdk.disabled"));
    }

    /**
     * The server span of the request to {@code route}, once it and its {@code children} client spans are
     * exported; named by its route, whichever build serves it.
     */
    SpanData awaitServerSpan(String route, int children) {
        SpanData server = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> exporter.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER)
                        .filter(span -> route.equals(span.getAttributes().get(AttributeKey.stringKey("url.path"))))
                        .filter(span -> children(span).size() == children)
                        .findFirst().orElse(null), span -> span != null);
        assertEquals("POST " + route, server.getName());
        assertEquals(route, server.getAttributes().get(AttributeKey.stringKey("http.route")));
        return server;
    }

    /** The span's client spans, in the order they started. */
    List<SpanData> children(SpanData parent) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT && span.getTraceId().equals(parent.getTraceId())
                        && span.getParentSpanId().equals(parent.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
    }

    static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }

    /** Every span exported: its name, every attribute, its events and status, and the resource's attributes. */
    void assertNoSecret(String... sent) {
        List<String> secrets = new ArrayList<>(List.of(sent));
        secrets.addAll(PERSONAL);
        secrets.add(ClerkFake.SECRET_KEY);
        secrets.add(DubFake.API_KEY);
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertFalse(spans.isEmpty());
        for (SpanData span : spans) {
            List<String> texts = new ArrayList<>(List.of(span.getName(), span.getStatus().getDescription()));
            span.getAttributes().forEach((key, value) -> texts.add(key.getKey() + "=" + value));
            span.getResource().getAttributes().forEach((key, value) -> texts.add(key.getKey() + "=" + value));
            span.getEvents().forEach(event -> {
                texts.add(event.getName());
                event.getAttributes().forEach((key, value) -> texts.add(key.getKey() + "=" + value));
            });
            assertTrue(texts.size() > 5, "read the span's attributes: " + texts);
            for (String text : texts) {
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "span " + span.getName() + " holds a secret: " + text);
                }
            }
        }
    }
}
