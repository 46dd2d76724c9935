package app.clerkdub.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.platform.state.QuotaConfig;
import app.clerkdub.platform.state.SharedState;
import app.clerkdub.platform.state.SharedState.Budget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The public port, read top to bottom: every step a request meets before the endpoint or the webhook route,
 * in the order it meets them. Vert.x runs the filter of higher priority first; the framework's own steps
 * (CORS, authentication, authorization) are named by Quarkus' priorities, and each of ours sits between them
 * by an offset from those, so the order is stated once, here.
 * <ol>
 * <li>Fixed response headers ({@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}):
 * {@code quarkus.http.header.*} in application.properties, a route the framework puts ahead of every filter,
 * so that every answer carries them, refusals included.</li>
 * <li>{@link #BODY_LIMIT}, {@link #CORS_REFUSALS}, then the framework's CORS, {@link #CLIENT_LIMIT},
 * {@link #SESSION_COOKIE}, then quarkus-oidc's authentication with {@link SessionChecks.Claims} (its refusals
 * logged by {@link RefusedTokenLog} and counted by {@link ClientLimit}), then {@link SessionChecks.Pending} on
 * {@code /api/*}.</li>
 * <li>For the endpoint, once the REST layer takes the request, a call without a body is read as {@code {}}
 * ({@link BodylessCalls}).</li>
 * <li>The endpoint or the webhook route; every refusal on the way is written by {@link ApiExceptionMappers}
 * or {@link JsonAnswers} as an {@link Refusal.ApiError}.</li>
 * </ol>
 */
@ApplicationScoped
public class FrontDoor {
    /** First of ours: an oversized body is refused before anything, CORS included, spends time on the request. */
    static final int BODY_LIMIT = SecurityHandlerPriorities.CORS + 50;
    /** Just before the framework's CORS, so that its refusal (a bare 403) is seen and logged. */
    static final int CORS_REFUSALS = SecurityHandlerPriorities.CORS + 10;
    /**
     * After CORS, so that a browser's preflight is answered whatever the address's budget; before
     * authentication, so that an address that sent too many refused tokens costs no further token check.
     */
    static final int CLIENT_LIMIT = SecurityHandlerPriorities.AUTHENTICATION + 60;
    /** Last before authentication, which reads the token from the header this step fills in. */
    static final int SESSION_COOKIE = SecurityHandlerPriorities.AUTHENTICATION + 50;

    /** Same-site SPAs send the Clerk session token in this cookie; quarkus-oidc reads only the header. */
    static final String SESSION_COOKIE_NAME = "__session";
    /** Far larger than any Clerk token (they live in a 4 KB cookie): dropped unparsed, so a plain 401. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final Logger LOG = Logger.getLogger("app.clerkdub.requests");

    private final ClientLimit clientLimit;
    private final JsonAnswers answers;
    private final long maxBodyBytes;
    private final Set<String> allowedOrigins;

    FrontDoor(ClientLimit clientLimit, JsonAnswers answers,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.http.cors.origins") List<String> allowedOrigins) {
        this.clientLimit = clientLimit;
        this.answers = answers;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    void register(@Observes Filters filters) {
        filters.register(this::limitBody, BODY_LIMIT);
        filters.register(this::watchCorsRefusal, CORS_REFUSALS);
        // The framework's CORS filter runs here (quarkus.http.cors.*).
        filters.register(clientLimit::check, CLIENT_LIMIT);
        filters.register(FrontDoor::bridgeSessionCookie, SESSION_COOKIE);
        // quarkus-oidc's authentication, then the permission policy of /api/* (SessionChecks.Pending), run after.
    }

    /**
     * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a JSON 413 before
     * it is read. (A chunked body that grows past the limit is still cut by the framework, with an empty 413.)
     */
    void limitBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            answers.refuse(context, Refusal.of(413, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The body must not exceed " + maxBodyBytes + " bytes"));
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /**
     * The framework's CORS filter refuses an origin outside the allow-list with a bare 403 and writes no log
     * line: an SPA deployed on a new origin would fail with nothing on the server side to say why.
     */
    void watchCorsRefusal(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin)) {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 403) {
                    // The origin is the caller's own header, not a secret; cut so a hostile one can't flood the line.
                    LOG.infof("cors 403 %s %s origin=%s is not in CLERK_AUTHORIZED_PARTIES", context.request().method(),
                            context.request().path(), origin.length() > 200 ? origin.substring(0, 200) + "..." : origin);
                }
            });
        }
        context.next();
    }

    /**
     * When the {@code Authorization} header is absent, the {@code __session} cookie's value is put there; a
     * header that is present always wins, valid or not. An oversized token is dropped before anyone parses it.
     */
    static void bridgeSessionCookie(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            Cookie session = context.request().getCookie(SESSION_COOKIE_NAME);
            if (session != null && !session.getValue().isEmpty() && session.getValue().length() <= MAX_TOKEN_LENGTH) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + session.getValue());
            }
        } else if (authorization.length() > MAX_TOKEN_LENGTH) {
            context.request().headers().remove(HttpHeaders.AUTHORIZATION);
        }
        context.next();
    }

    /**
     * A bound per client address on unauthenticated junk: each session token refused by quarkus-oidc spends
     * one unit of the address's budget ({@code quota.client-failures} per {@code quota.period}); while it is
     * spent, every request from the address is answered 429 with {@code Retry-After}, before its token is
     * verified and with nothing sent anywhere. An address whose tokens are good never spends anything. The budget is
     * kept in {@link SharedState}, so that a fleet counts an address's refusals as one; addresses are kept hashed.
     * <p>
     * The failures are counted from Quarkus' {@link AuthenticationFailureEvent}, which every refused token fires.
     * The refusal is a step of the {@link FrontDoor} before authentication, not an {@code HttpSecurityPolicy}:
     * proactive authentication refuses a bad token (401) before any policy runs, so a policy would never see the
     * requests it has to stop.
     */
    @ApplicationScoped
    public static class ClientLimit {
        private final SharedState state;
        private final Budget budget;
        private final Counter refused;
        private final JsonAnswers answers;

        ClientLimit(SharedState state, QuotaConfig quota, MeterRegistry registry, JsonAnswers answers) {
            this.state = state;
            this.budget = new Budget("client_budgets", quota.clientFailures(), quota.period());
            this.answers = answers;
            this.refused = Counter.builder("clients.refused")
                    .description("Requests refused with 429 because their address sent too many refused session tokens")
                    .register(registry);
        }

        void check(RoutingContext context) {
            state.exhausted(budget, hashed(ClientAddress.of(context))).subscribe().with(wait -> {
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
                state.spend(budget, hashed(ClientAddress.of(context))).subscribe().with(ignored -> { }, ignored -> { });
            }
        }

        /** The address as the shared state keeps it: a digest, never the address itself. */
        static String hashed(String address) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every Java runtime has SHA-256", impossible);
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

    /**
     * Writes a JSON answer where the REST layer does not: in a filter of the {@link FrontDoor} and on the webhook
     * route. Jackson writes the body, with the application's {@link ObjectMapper}, as it writes the endpoint's.
     */
    @ApplicationScoped
    public static class JsonAnswers {
        private final ObjectMapper json;

        JsonAnswers(ObjectMapper json) {
            this.json = json;
        }

        /** A refusal, with its {@code Retry-After} when it has one. */
        public void refuse(RoutingContext context, Refusal refusal) {
            refusal.retryAfterSeconds()
                    .ifPresent(seconds -> context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            write(context, refusal.status(), refusal.body());
        }

        /** Any answer; nothing is written to a response already ended or closed (the caller has gone). */
        public void write(RoutingContext context, int status, Object body) {
            if (context.response().ended() || context.response().closed()) {
                return;
            }
            String text;
            try {
                text = json.writeValueAsString(body);
            } catch (JsonProcessingException unwritable) {
                // Only a record of this service's own is written here: a failure is a bug, answered as one.
                status = 500;
                text = "{\"ok\":false}";
            }
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(text);
        }
    }

    /**
     * Most calls of the endpoint carry no body, and then any {@code Content-Type} (or none, as browsers send)
     * would fail the endpoint's {@code @Consumes}: a call without a body is read as an empty JSON one, which
     * names no click.
     */
    static class BodylessCalls {

        @ServerRequestFilter(preMatching = true)
        void readAsEmptyJson(ContainerRequestContext request) {
            if (TrackLeadResource.PATH.equals(request.getUriInfo().getPath()) && request.getLength() <= 0
                    && !request.getHeaders().containsKey("Transfer-Encoding")) {
                request.getHeaders().putSingle(jakarta.ws.rs.core.HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            }
        }
    }
}
