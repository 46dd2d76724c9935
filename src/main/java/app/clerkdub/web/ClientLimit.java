package app.clerkdub.web;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A bound per client address on unauthenticated junk: each session token refused by quarkus-oidc spends
 * one unit of the address's budget ({@code quota.client-failures} per {@code quota.period}); while it is
 * spent, every request from the address is answered 429 with {@code Retry-After}, before its token is
 * verified and with nothing sent anywhere. An address whose tokens are good never spends anything.
 * <p>
 * Where: the failures are counted from Quarkus' {@link AuthenticationFailureEvent}, which every refused
 * token fires. The refusal must come before authentication, since proactive authentication refuses a bad
 * token (401) before any {@code HttpSecurityPolicy} runs, so that {@code SessionPolicy} never sees one. It
 * is a route filter ({@link Filters}, as {@link BodyLimit} is): the documented extension point that every
 * request to the public port passes, whatever its path, so it adds no second way in.
 */
@ApplicationScoped
public class ClientLimit {
    /** Before authentication (200) and the cookie bridge (250): a refused address costs no token check. */
    static final int PRIORITY = 260;
    static final String RATE_LIMITED = "{\"ok\":false,\"error\":{\"code\":\"rate_limited\","
            + "\"message\":\"Too many refused session tokens from this address; try again in %d s\"}}";

    private final KeyedLimits failures;
    private final Counter refused;

    ClientLimit(QuotaConfig config, MeterRegistry registry) {
        this.failures = new KeyedLimits(config.clientFailures(), config.period(), config.maxKeys());
        this.refused = Counter.builder("clients.refused")
                .description("Requests refused with 429 because their address sent too many refused session tokens")
                .register(registry);
        failures.gauge(registry, "client_budgets");
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        Optional<Duration> wait = failures.exhausted(ClientAddress.of(context));
        if (wait.isEmpty()) {
            context.next();
            return;
        }
        refused.increment();
        long seconds = KeyedLimits.retryAfterSeconds(wait.get());
        context.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .end(RATE_LIMITED.formatted(seconds));
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        if (event.getEventProperties().get(RoutingContext.class.getName()) instanceof RoutingContext context) {
            failures.spend(ClientAddress.of(context));
        }
    }
}
