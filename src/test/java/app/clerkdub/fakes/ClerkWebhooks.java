package app.clerkdub.fakes;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import app.clerkdub.sandbox.ClerkWebhookSender;
import app.clerkdub.sandbox.WebhookSigner;
import io.restassured.response.Response;

/**
 * Clerk's webhooks as Svix delivers them: the examples of Clerk's own webhook spec
 * ({@code src/test/resources/specs/clerk-webhooks.yml}), signed by simulated Clerk's {@link WebhookSigner}.
 */
public final class ClerkWebhooks {
    public static final String PATH = ClerkWebhookSender.PATH;
    /** The test profile's {@code clerk.webhook.signing-secret}. */
    public static final String SECRET = "whsec_Y2xlcmstZHViLWxlYWRzIHRlc3Qgd2ViaG9va3MhISE=";
    /** The secret before a rotation, or another endpoint's: signatures made with it must be refused. */
    public static final String OTHER_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("another endpoint's secret 32 byte".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = load();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private ClerkWebhooks() {
    }

    /** A fresh copy of the spec's example of this event ({@code user.created}, {@code paymentAttempt.updated}...). */
    public static ObjectNode example(String eventType) {
        JsonNode example = SPEC.at("/x-webhooks/" + eventType.replace("/", "~1") + "/post/requestBody/content/"
                + "application~1json/example");
        if (!example.isObject()) {
            throw new IllegalStateException("no example of " + eventType + " in Clerk's webhook spec");
        }
        return example.deepCopy();
    }

    /** A new Svix message id; Svix keeps one id across the retries of a message. */
    public static String newMessageId() {
        return "msg_2test" + IDS.incrementAndGet();
    }

    public static byte[] bytes(JsonNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Delivers the event as Svix does, signed now with the test secret. */
    public static Response deliver(JsonNode event, String messageId) {
        byte[] body = bytes(event);
        long now = now();
        return deliver(body, messageId, now, WebhookSigner.signature(SECRET, messageId, now, body));
    }

    /** Delivers exactly these bytes with these headers, for the refusals. */
    public static Response deliver(byte[] body, String messageId, long timestamp, String signatureHeader) {
        return given()
                .header(WebhookSigner.ID, messageId)
                .header(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE, signatureHeader)
                .contentType("application/json")
                .body(body)
                .post(PATH);
    }

    private static JsonNode load() {
        try (InputStream in = ClerkWebhooks.class.getResourceAsStream("/specs/clerk-webhooks.yml")) {
            return YAML.readTree(in);
        } catch (IOException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
