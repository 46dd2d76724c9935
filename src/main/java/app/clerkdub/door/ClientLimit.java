package app.clerkdub.door;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.clerkdub.lead.quota.QuotaConfig;
import app.clerkdub.upstream.KeyedLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;

/**
 * A bound per client address on unauthenticated junk: each session token refused by quarkus-oidc spends
 * one unit of the address's budget ({@code quota.client-failures} per {@code quota.period}); while it is
 * spent, every request from the address is answered 429 with {@code Retry-After}, before its token is
 * verified and with nothing sent anywhere. An address whose tokens are good never spends anything.
 * <p>
 * The failures are counted from Quarkus' {@link AuthenticationFailureEvent}, which every refused token fires.
 * The refusal is a step of the {@link FrontDoor} before authentication, not an {@code HttpSecurityPolicy}:
 * proactive authentication refuses a bad token (401) before any policy runs, so a policy would never see the
 * requests it has to stop.
 */
@ApplicationScoped
public class ClientLimit {
    private final KeyedLimits failures;
    private final Counter refused;
    private final JsonAnswers answers;

    ClientLimit(QuotaConfig config, MeterRegistry registry, JsonAnswers answers) {
        this.answers = answers;
        this.failures = new KeyedLimits(config.clientFailures(), config.period(), config.maxKeys());
        this.refused = Counter.builder("clients.refused")
                .description("Requests refused with 429 because their address sent too many refused session tokens")
                .register(registry);
        failures.gauge(registry, "client_budgets");
    }

    void check(RoutingContext context) {
        Optional<Duration> wait = failures.exhausted(ClientAddress.of(context));
        if (wait.isEmpty()) {
            context.next();
            return;
        }
        refused.increment();
        answers.refuse(context, Refusal.of(429, ErrorCode.RATE_LIMITED, "Too many refused session tokens from this "
                + "address; try again in " + KeyedLimits.retryAfterSeconds(wait.get()) + " s").retryingAfter(wait.get()));
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        if (event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context) {
            failures.spend(ClientAddress.of(context));
        }
    }
}
