package app.clerkdub.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Clerk's webhooks as Svix signs them: HMAC-SHA256 over {@code id.timestamp.body} under the endpoint's
 * {@code whsec_} secret, in {@code svix-*} headers. The one webhook signer of simulated Clerk, in dev mode and
 * in the tests alike; written with {@code javax.crypto} directly, not with the library the service verifies
 * with, so that the two are checked against each other.
 */
public final class WebhookSigner {
    public static final String ID = "svix-id";
    public static final String TIMESTAMP = "svix-timestamp";
    public static final String SIGNATURE = "svix-signature";

    private WebhookSigner() {
    }

    /** The headers of a delivery of {@code body}, signed for {@code timestamp} (epoch seconds). */
    public static Map<String, String> headers(String secret, String messageId, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, messageId);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(SIGNATURE, signature(secret, messageId, timestamp, body));
        return headers;
    }

    /** The {@code v1,<base64>} signature of a delivery. */
    public static String signature(String secret, String messageId, long timestamp, byte[] body) {
        String key = secret.trim();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.substring(key.indexOf('_') + 1)), "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException | IllegalArgumentException unusable) {
            throw new IllegalStateException("cannot sign with this webhook signing secret", unusable);
        }
    }
}
