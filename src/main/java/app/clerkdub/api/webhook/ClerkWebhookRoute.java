package app.clerkdub.api.webhook;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.clerkdub.api.http.ErrorCode;
import app.clerkdub.api.http.JsonAnswers;
import app.clerkdub.api.http.Refusal;
import app.clerkdub.platform.state.CallerContext;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.configuration.MemorySize;
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
 * checked before anything is parsed, and a delivery that fails the check is refused with nothing read,
 * logged or sent on.
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
}
