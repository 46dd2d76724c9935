package app.clerkdub.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.ClientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.core.net.SocketAddress;
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

    /**
     * The one place that says who the client is, for the per-address limit. Vert.x's remote address, which
     * Quarkus replaces with the forwarded one only when {@code quarkus.http.proxy.*} says the proxy is
     * trusted: a caller's own {@code X-Forwarded-For} is never believed here. On AWS Lambda the same address
     * is the API Gateway event's {@code requestContext.http.sourceIp}.
     */
    public static final class ClientAddress {
        static final String UNKNOWN = "unknown";
        /** Only what can be a literal IPv6 address is parsed: anything else could start a DNS lookup. */
        private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

        private ClientAddress() {
        }

        public static String of(RoutingContext context) {
            SocketAddress remote = context.request().remoteAddress();
            return remote == null || remote.hostAddress() == null ? UNKNOWN : key(remote.hostAddress());
        }

        /**
         * An IPv6 client gets a whole /64 (the usual allocation to one site), so it cannot make itself a new
         * budget per address; an IPv4 address is its own key.
         */
        static String key(String hostAddress) {
            if (hostAddress.indexOf(':') < 0 || !IP_V6.matcher(hostAddress).matches()) {
                return hostAddress;
            }
            try {
                // A literal address: parsed, never looked up.
                byte[] bytes = InetAddress.getByName(hostAddress).getAddress();
                return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : hostAddress;
            } catch (UnknownHostException notAnAddress) {
                return hostAddress;
            }
        }
    }
}
