package app.clerkdub.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.clerkdub.platform.state.Budget;
import app.clerkdub.platform.state.ClientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;

/**
 * A bound per client address on unauthenticated junk: each session token refused by quarkus-oidc spends
 * one unit of the address's budget ({@code quota.client-failures} per {@code quota.period}); while it is
 * spent, every request from the address is answered 429 with {@code Retry-After}, before its token is
 * verified and with nothing sent anywhere. An address whose tokens are good never spends anything. The budget is
 * the fleet's ({@link ClientFailures}): refusals on any instance count.
 * <p>
 * The failures are counted from Quarkus' {@link AuthenticationFailureEvent}, which every refused token fires.
 * The refusal is a step of the {@link FrontDoor} before authentication, not an {@code HttpSecurityPolicy}:
 * proactive authentication refuses a bad token (401) before any policy runs, so a policy would never see the
 * requests it has to stop.
 */
@ApplicationScoped
public class ClientLimit {
    private final ClientFailures failures;
    private final Counter refused;
    private final JsonAnswers answers;

    ClientLimit(ClientFailures failures, MeterRegistry registry, JsonAnswers answers) {
        this.answers = answers;
        this.failures = failures;
        this.refused = Counter.builder("clients.refused")
                .description("Requests refused with 429 because their address sent too many refused session tokens")
                .register(registry);
    }

    void check(RoutingContext context) {
        failures.exhausted(ClientAddress.of(context)).subscribe().with(wait -> {
            if (wait.isEmpty()) {
                context.next();
                return;
            }
            refused.increment();
            answers.refuse(context, Refusal.of(429, ErrorCode.RATE_LIMITED, "Too many refused session tokens from "
                    + "this address; try again in " + Budget.retryAfterSeconds(wait.get()) + " s")
                    .retryingAfter(wait.get()));
        }, context::fail);
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        if (event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context) {
            failures.failed(ClientAddress.of(context)).subscribe().with(ignored -> { }, ignored -> { });
        }
    }
}
