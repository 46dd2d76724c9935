package app.clerkdub.lead;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.clerk.session.SessionPolicy;
import app.clerkdub.clerk.session.VerifiedTokenCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Answers {@code already_tracked} as soon as the session token is read, when that exact token was
 * verified before (see {@link VerifiedTokenCache}) and its claims say the user is tracked. This is
 * the call an SPA makes on every page load for the rest of a user's life, and its answer needs no
 * upstream, only the verified claims; the endpoint would give the same answer after quarkus-oidc's
 * chain, the security policy and RESTEasy, which cost several times more than the answer itself.
 * <p>
 * It answers only what the endpoint would answer the same way: a POST to the endpoint's path that
 * accepts JSON, from a live, non-pending session whose token claims a {@code dubClickId}, with a
 * cookie and body the endpoint accepts. Anything else goes on to the endpoint untouched, and a body
 * read here to be refused is handed to it, so that it refuses it as it always does.
 */
@ApplicationScoped
public class AlreadyTrackedShortcut {
    /** After SessionCookieBridge (250) puts a {@code __session} token into Authorization, before authentication (200). */
    static final int PRIORITY = 240;
    private static final String BEARER = "Bearer ";
    private static final String COOKIE_PREFIX = DubIdCookie.NAME + "=";
    /** An Accept parameter that rules its media range out. */
    private static final Pattern ZERO_QUALITY = Pattern.compile("q=0(\\.0*)?");

    private final VerifiedTokenCache tokens;
    private final String metadataClaim;
    private final String path;
    private final ObjectMapper json;
    private final RequestLog log;
    private final Buffer answer;
    private final LongAdder answered = new LongAdder();

    AlreadyTrackedShortcut(VerifiedTokenCache tokens, ClerkConfig clerk, ObjectMapper json, RequestLog log,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath)
            throws JsonProcessingException {
        this.tokens = tokens;
        this.metadataClaim = clerk.metadataClaim();
        this.path = rootPath.replaceAll("/+$", "") + TrackLeadResource.PATH;
        this.json = json;
        this.log = log;
        // Written by the same mapper as the endpoint's answers, so that both are the same bytes.
        this.answer = Buffer.buffer(json.writeValueAsBytes(LeadResult.of(LeadStatus.ALREADY_TRACKED)));
        FunctionCounter.builder("leads.shortcut.answers", answered, LongAdder::sum)
                .description("already_tracked answers given from a verified token's claims, before authentication")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.POST || !path.equals(context.normalizedPath())
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
                || bodyOfUnannouncedSize(request)
                || !clickCookiesAreValid(request.headers().getAll(HttpHeaders.COOKIE))) {
            context.next();
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Map<String, Object> claims = authorization == null || !authorization.startsWith(BEARER) ? null
                : tokens.verifiedClaims(authorization.substring(BEARER.length()), this::trackedAndPermitted).orElse(null);
        if (claims == null) {
            context.next();
            return;
        }
        // No request context is active this early: the log line's record is a plain object here.
        RequestRecord record = new RequestRecord();
        record.userId(String.valueOf(claims.get("sub")));
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || length.equals("0")) {
            answer(context, record, null);
            return;
        }
        // The router paused the request; its body is read here and handed on if the endpoint must refuse it.
        request.body().onComplete(body -> {
            if (body.succeeded()) {
                answer(context, record, body.result());
            } else {
                context.fail(400);
            }
        });
        request.resume();
    }

    /**
     * A chunked body, or an HTTP/2 body without Content-Length: left to the endpoint, where the
     * framework enforces the size limit while it reads (BodyLimit has refused announced ones).
     */
    private static boolean bodyOfUnannouncedSize(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && !request.headers().contains(HttpHeaders.CONTENT_LENGTH);
    }

    private boolean trackedAndPermitted(Map<String, Object> claims) {
        return SessionPolicy.permits(claims) && ClickIdMetadata.readClaim(claims.get(metadataClaim)).isPresent();
    }

    private void answer(RoutingContext context, RequestRecord record, Buffer body) {
        HttpServerRequest request = context.request();
        try {
            ClickIds.resolve(null, request.getHeader(HttpHeaders.CONTENT_TYPE), body == null ? null : body.toString(), json);
        } catch (BadRequestException refused) {
            if (body != null) {
                ((RoutingContextInternal) context).setBody(body);
            }
            context.next();
            return;
        }
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
                .end(answer);
        answered.increment();
        log.finish(record, 200, LeadStatus.ALREADY_TRACKED.wireValue());
    }

    /**
     * Whether every {@code dub_id} in the Cookie headers is, as sent, a click id the endpoint accepts.
     * Parsers differ on quotes, spaces and repeated names, so anything else goes to the endpoint.
     */
    static boolean clickCookiesAreValid(List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COOKIE_PREFIX)
                        && !ClickIds.VALID.matcher(trimmed.substring(COOKIE_PREFIX.length())).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** What RESTEasy would accept for the endpoint's {@code @Produces(APPLICATION_JSON)}; anything unusual goes to it. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                refused |= ZERO_QUALITY.matcher(parts[i].trim().replace(" ", "")).matches();
            }
            if (!refused && (type.equals("*/*") || type.equals("application/*") || type.equals("application/json"))) {
                return true;
            }
        }
        return false;
    }
}
