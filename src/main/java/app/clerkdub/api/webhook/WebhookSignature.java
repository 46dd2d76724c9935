package app.clerkdub.api.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import app.clerkdub.api.webhook.InvalidSignatureException.Reason;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.MultiMap;

/**
 * Checks that a delivery comes from Clerk, as Svix signs it (Standard Webhooks): HMAC-SHA256 under the
 * endpoint's secret over {@code id.timestamp.body}, any of the space-separated {@code v1,<base64>} entries of
 * the signature header may match (there are two while a secret is being rotated), and the timestamp must be
 * within five minutes of now. The Standard Webhooks library does the cryptography, with a constant-time
 * comparison; the checks done here first only name the reason for the log.
 */
final class WebhookSignature {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";
    /** Svix's own names, which Clerk sends; the unbranded Standard Webhooks names are read when present. */
    private static final List<String> SVIX = List.of("svix-id", "svix-timestamp", "svix-signature");
    private static final List<String> STANDARD = List.of("webhook-id", "webhook-timestamp", "webhook-signature");

    private final Webhook verifier;
    private final Clock clock;

    private WebhookSignature(Webhook verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Refuses, with one line naming the variable, a secret that is not {@code whsec_} and base64. */
    static WebhookSignature of(String secret, Clock clock) {
        String trimmed = secret.trim();
        byte[] key;
        try {
            key = trimmed.startsWith(PREFIX) ? Base64.getDecoder().decode(trimmed.substring(PREFIX.length())) : null;
        } catch (IllegalArgumentException notBase64) {
            key = null;
        }
        if (key == null || key.length == 0) {
            // A ConfigurationException without a cause is what Quarkus prints as one line when a start fails.
            throw new ConfigurationException("CLERK_WEBHOOK_SIGNING_SECRET must be whsec_ followed by base64, "
                    + "as Clerk's dashboard shows it (Webhooks > the endpoint > Signing Secret)");
        }
        try {
            return new WebhookSignature(new Webhook(key), clock);
        } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException impossible) {
            throw new ConfigurationException("CLERK_WEBHOOK_SIGNING_SECRET is empty");
        }
    }

    /** @return the delivery's message id (Svix keeps it across retries of one event) */
    String verify(byte[] body, MultiMap headers) throws InvalidSignatureException {
        List<String> names = headers.contains(STANDARD.get(0)) ? STANDARD : SVIX;
        String id = headers.get(names.get(0));
        String timestamp = headers.get(names.get(1));
        String signatures = headers.get(names.get(2));
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
            throw new InvalidSignatureException(Reason.MISSING_HEADERS);
        }
        if (!recent(timestamp.trim())) {
            throw new InvalidSignatureException(Reason.STALE_TIMESTAMP);
        }
        // The library signs the body as UTF-8 text: bytes that are not UTF-8 come out different and fail, as they should.
        try {
            verifier.verify(new String(body, StandardCharsets.UTF_8), Map.of(
                    STANDARD.get(0), List.of(id), STANDARD.get(1), List.of(timestamp.trim()),
                    STANDARD.get(2), List.of(signatures)));
        } catch (WebhookVerificationException mismatch) {
            throw new InvalidSignatureException(Reason.NO_MATCH);
        }
        return id;
    }

    private boolean recent(String timestamp) {
        try {
            long sentAt = Long.parseLong(timestamp);
            return Math.abs(clock.millis() / 1000 - sentAt) <= TOLERANCE.toSeconds();
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
