package app.clerkdub.api.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import app.clerkdub.api.http.ErrorCode;
import app.clerkdub.api.http.FrontDoor.JsonAnswers;
import app.clerkdub.api.http.Refusal;
import app.clerkdub.api.webhook.ClerkWebhookRoute.InvalidSignatureException.Reason;
import app.clerkdub.api.webhook.WebhookLog.Delivery;
import app.clerkdub.lead.Outcome;
import app.clerkdub.platform.state.CallerContext;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /webhooks/clerk}: Clerk's webhooks (user.created, paymentAttempt.updated, user.updated, user.deleted,
 * organization.created), delivered by Svix.
 * <p>
 * The route is added to the HTTP router when the service starts, and only when
 * {@code CLERK_WEBHOOK_SIGNING_SECRET} is set: a REST resource exists from the build on (and would answer 405
 * to a GET, telling that it is there), and a build-time switch cannot read a setting given at run time. Without
 * the secret there is no route, and the path answers the framework's 404, as any unknown path does.
 * <p>
 * A plain route, not a REST method, also because the signature covers the body's exact bytes: they are
 * checked before anything is parsed ({@link WebhookSignature}), and a delivery that fails the check is refused
 * with nothing read, logged or sent on. How a delivery ended is one {@link WebhookOutcome}, from which the answer
 * Svix hears is written here, in one place.
 */
@ApplicationScoped
public class ClerkWebhookRoute {
    public static final String PATH = "/webhooks/clerk";
    private static final Logger LOG = Logger.getLogger(ClerkWebhookRoute.class);

    private final WebhookConfig config;
    private final ClerkEvents events;
    private final WebhookLog log;
    private final JsonAnswers answers;
    private final long maxBodyBytes;

    ClerkWebhookRoute(WebhookConfig config, ClerkEvents events, WebhookLog log, JsonAnswers answers,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.config = config;
        this.events = events;
        this.log = log;
        this.answers = answers;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        Optional<String> secret = config.signingSecret().filter(value -> !value.isBlank());
        if (secret.isEmpty()) {
            LOG.infof("Clerk webhooks are off (CLERK_WEBHOOK_SIGNING_SECRET is unset): no %s route", PATH);
            return;
        }
        WebhookSignature signature = WebhookSignature.of(secret.get(), Clock.systemUTC());
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(context -> receive(context, signature));
        LOG.infof("Clerk webhooks are on: POST %s", PATH);
    }

    private void receive(RoutingContext context, WebhookSignature signature) {
        // The delivery's span is named by its route, as the API's are: Quarkus names a plain route's span so
        // on the container, but behind the Lambda adapter it would be a bare "POST".
        Span.current().updateName("POST " + PATH).setAttribute("http.route", PATH);
        Delivery delivery = new Delivery();
        RequestBody requestBody = context.body();
        Buffer raw = requestBody == null ? null : requestBody.buffer();
        byte[] body = raw == null ? new byte[0] : raw.getBytes();
        try {
            delivery.messageId(signature.verify(body, context.request().headers()));
        } catch (InvalidSignatureException refused) {
            WebhookOutcome outcome = new WebhookOutcome.Refused(Refusal.of(401, ErrorCode.INVALID_SIGNATURE,
                    "The delivery is not signed by Clerk with this endpoint's signing secret, or is older than "
                            + WebhookSignature.TOLERANCE.toMinutes() + " minutes"));
            respond(context, delivery, outcome, refused.reason().tag());
            return;
        }
        // The answer is written on the request's own event loop, wherever the upstream calls ended.
        CallerContext.resumeOnCaller(events.handle(body, delivery)).subscribe().with(outcome -> respond(context, delivery, outcome, null));
    }

    private void respond(RoutingContext context, Delivery delivery, WebhookOutcome outcome, String reason) {
        log.finish(delivery, outcome, reason);
        // No Retry-After on a refusal: Svix keeps its own schedule of retries.
        if (outcome instanceof WebhookOutcome.Refused refused) {
            answers.write(context, refused.status(), refused.refusal().body());
        } else if (outcome instanceof WebhookOutcome.Done done) {
            answers.write(context, done.status(), new WebhookAnswer(true, delivery.eventType(), done.tag()));
        }
    }

    /**
     * Checks that a delivery comes from Clerk, as Svix signs it (Standard Webhooks): HMAC-SHA256 under the
     * endpoint's secret over {@code id.timestamp.body}, any of the space-separated {@code v1,<base64>} entries of
     * the signature header may match (there are two while a secret is being rotated), and the timestamp must be
     * within five minutes of now. The Standard Webhooks library does the cryptography, with a constant-time
     * comparison; the checks done here first only name the reason for the log.
     */
    static final class WebhookSignature {
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

    /** A delivery that cannot be shown to come from Clerk: refused before anything in it is read. */
    static final class InvalidSignatureException extends Exception {

        /** Why, for the log line and the metric; the caller hears only that the signature is invalid. */
        enum Reason {
            /** One of the id, timestamp and signature headers is missing. */
            MISSING_HEADERS,
            /** The timestamp is more than five minutes from now, or not a number: a replay, or a clock far off. */
            STALE_TIMESTAMP,
            /** No signature in the header matches the body under our secret (altered, or another secret). */
            NO_MATCH;

            String tag() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        private final Reason reason;

        InvalidSignatureException(Reason reason) {
            super(reason.tag(), null, false, false);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    /**
     * How a delivery ended, in Svix's terms: {@link Done} (2xx: handled, or nothing to do now or on any retry) or
     * {@link Refused} (any other status: Svix delivers it again, for days). The answer, the log line and the metric
     * read the status and the tag from here.
     */
    sealed interface WebhookOutcome {

        /** The HTTP status Svix acts on. */
        int status();

        /** The answer's result, the log line's word and the metric's tag: the use case's outcome, or the error code. */
        String tag();

        record Done(Outcome result) implements WebhookOutcome {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public String tag() {
                return result.wireValue();
            }
        }

        record Refused(Refusal refusal) implements WebhookOutcome {
            @Override
            public int status() {
                return refusal.status();
            }

            @Override
            public String tag() {
                return refusal.code().wireValue();
            }
        }
    }

    /**
     * The body of a 2xx: {@code {"ok":true,"event":"user.created","result":"tracked"}}. Svix only reads the
     * status; the result is for whoever looks at the delivery in Clerk's dashboard. Written outside the REST layer,
     * hence registered for the native binary.
     */
    @RegisterForReflection
    record WebhookAnswer(boolean ok, String event, String result) {
    }
}
