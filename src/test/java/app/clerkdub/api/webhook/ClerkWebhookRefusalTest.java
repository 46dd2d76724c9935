package app.clerkdub.api.webhook;

import static app.clerkdub.fakes.ClerkWebhooks.OTHER_SECRET;
import static app.clerkdub.fakes.ClerkWebhooks.SECRET;
import static app.clerkdub.fakes.ClerkWebhooks.bytes;
import static app.clerkdub.fakes.ClerkWebhooks.deliver;
import static app.clerkdub.fakes.ClerkWebhooks.newMessageId;
import static app.clerkdub.fakes.ClerkWebhooks.now;
import static app.clerkdub.sandbox.WebhookSigner.signature;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.ServiceLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Deliveries that cannot be shown to come from Clerk are refused with 401 and nothing else happens: no upstream
 * request, and neither the body nor a signature in the log. Those signed as Svix does, in any of its forms, pass.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class ClerkWebhookRefusalTest {
    static final String CLICK = "clk_refused_1";

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    void aSignatureThatMatchesNothingIsRefused() {
        byte[] body = body();
        String forged = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        assertRefused(deliver(body, newMessageId(), now(), forged), forged);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefusedEvenWhenSigned() {
        byte[] body = body();
        for (long timestamp : new long[] { now() - 360, now() + 360 }) {
            String id = newMessageId();
            String signed = signature(SECRET, id, timestamp, body);
            assertRefused(deliver(body, id, timestamp, signed), signed);
        }
    }

    @Test
    void aBodyAlteredAfterSigningIsRefused() {
        byte[] body = body();
        String id = newMessageId();
        long now = now();
        String signed = signature(SECRET, id, now, body);
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace(CLICK, "clk_attacker")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(deliver(altered, id, now, signed), signed);
    }

    @Test
    void aSignatureUnderAnotherSecretIsRefused() {
        byte[] body = body();
        String id = newMessageId();
        long now = now();
        String signed = signature(OTHER_SECRET, id, now, body);
        assertRefused(deliver(body, id, now, signed), signed);
    }

    @Test
    void missingHeadersAreRefused() {
        given().contentType("application/json").body(body()).post(ClerkWebhooks.PATH)
                .then().statusCode(401).body("error.code", equalTo("invalid_signature"));
        assertNothingSent();
    }

    @Test
    void anyOfSeveralSignaturesMayMatchAsDuringASecretRotation() {
        byte[] body = bytes(ClerkWebhookTest.userCreated(null));
        String id = newMessageId();
        long now = now();
        String both = signature(OTHER_SECRET, id, now, body) + " " + signature(SECRET, id, now, body);
        deliver(body, id, now, both).then().statusCode(200).body("result", equalTo("no_click"));
    }

    @Test
    void theUnbrandedStandardWebhooksHeadersAreReadToo() {
        byte[] body = bytes(ClerkWebhookTest.userCreated(null));
        String id = newMessageId();
        long now = now();
        given().header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signature(SECRET, id, now, body))
                .contentType("application/json").body(body).post(ClerkWebhooks.PATH)
                .then().statusCode(200).body("result", equalTo("no_click"));
    }

    private static byte[] body() {
        return bytes(ClerkWebhookTest.userCreated(CLICK));
    }

    private static void assertRefused(Response response, String signatureHeader) {
        response.then().statusCode(401)
                .body("ok", equalTo(false))
                .body("error.code", equalTo("invalid_signature"));
        assertNothingSent();
        ServiceLog.awaitLine("webhook ", " 401 invalid_signature");
        String signatureValue = signatureHeader.substring("v1,".length());
        assertFalse(ServiceLog.lines().stream().anyMatch(line -> line.contains(signatureValue)
                || line.contains(CLICK) || line.contains("clk_attacker")), "neither body nor signature is logged");
    }

    private static void assertNothingSent() {
        assertEquals(0, Fakes.clerk().requestCount(), "no Clerk request");
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size(), "no Dub request");
    }
}
