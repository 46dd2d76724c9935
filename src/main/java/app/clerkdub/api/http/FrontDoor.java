package app.clerkdub.api.http;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
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
 * <li>The endpoint or the webhook route; every refusal on the way is written by {@link ApiExceptionMappers}
 * or {@link JsonAnswers} as an {@link ApiError}.</li>
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
}
