package app.clerkdub.lead;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import app.clerkdub.lead.quota.BusyException;
import app.clerkdub.lead.quota.RateLimitedException;
import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamException;
import app.clerkdub.web.KeyedLimits;
import app.clerkdub.web.RequestLog;
import app.clerkdub.web.RequestRecord;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/** Every failure becomes a JSON {@link ApiError} with the right status; none shows a stack trace. */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    private final RequestLog log;
    private final RoutingContext request;

    ApiExceptionMappers(RequestLog log, RoutingContext request) {
        this.log = log;
        this.request = request;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<ApiError> unauthorized() {
        // Set, not added: for a refused token the framework's bearer challenge has put it there already.
        request.response().headers().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return json(401, ApiError.of("unauthorized", "A valid Clerk session token is required "
                + "(Authorization: Bearer, or the __session cookie)")).build();
    }

    /** quarkus-oidc could not load Clerk's signing keys (the JWKS is unreachable): Clerk is down, not the caller. */
    @ServerExceptionMapper
    public RestResponse<ApiError> keysUnavailable(OIDCException unreachable) {
        LOG.warn("Clerk's signing keys could not be loaded");
        return json(503, ApiError.of(Upstream.CLERK.errorCode(),
                "Clerk's signing keys could not be loaded to verify the session; nothing was recorded"))
                .header(HttpHeaders.RETRY_AFTER, 10)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> forbidden(ForbiddenException pending) {
        return json(403, ApiError.of("session_pending",
                "The session is pending: finish signing up (for example, choose an organization) first")).build();
    }

    /** Valid JSON of the wrong shape; a clickId that is not a string is named as such. */
    @ServerExceptionMapper
    public RestResponse<ApiError> wrongShape(MismatchedInputException mismatch) {
        boolean atClickId = mismatch.getPath().stream().anyMatch(step -> "clickId".equals(step.getFieldName()));
        return atClickId
                ? json(400, ApiError.of("invalid_click_id", "clickId must be a string")).build()
                : json(400, ApiError.of("invalid_body", "The body must be a JSON object")).build();
    }

    /** The body's only constraint is the click-id pattern; the message never repeats the input. */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ConstraintViolationException invalid) {
        return json(400, ApiError.of("invalid_click_id", "clickId " + TrackLeadBody.CLICK_ID_RULE)).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> userNotFound(UserNotFoundException gone) {
        return json(404, ApiError.of("user_not_found", gone.getMessage())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> rateLimited(RateLimitedException limited) {
        return json(429, ApiError.of("rate_limited", limited.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, KeyedLimits.retryAfterSeconds(limited.retryAfter()))
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> busy(BusyException busy) {
        return json(503, ApiError.of("busy", busy.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, BusyException.RETRY_AFTER.toSeconds())
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> deadline(DeadlineExceededException late) {
        return json(504, ApiError.of("upstream_timeout", late.getMessage())).build();
    }

    /** 503 with {@code Retry-After} for an open circuit, 504 for a timeout, 502 for anything else. */
    @ServerExceptionMapper
    public RestResponse<ApiError> upstream(UpstreamException failure) {
        int status = switch (failure.kind()) {
            case CIRCUIT_OPEN -> 503;
            case TIMEOUT -> 504;
            default -> 502;
        };
        LOG.warn(failure.getMessage());
        RestResponse.ResponseBuilder<ApiError> answer =
                json(status, ApiError.of(failure.upstream().errorCode(), failure.getMessage()));
        failure.retryAfter()
                .ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, KeyedLimits.retryAfterSeconds(wait)));
        return answer.build();
    }

    /** The framework's own refusals (unknown path, wrong method, body too large) keep their status. */
    @ServerExceptionMapper
    public RestResponse<ApiError> framework(WebApplicationException refused) {
        Response response = refused.getResponse();
        int status = response == null ? 500 : response.getStatus();
        // The JSON reader wraps a parse failure in a 400 of its own.
        if (status == 400 && refused.getCause() instanceof StreamReadException) {
            return json(400, ApiError.of("invalid_json", "The body is not valid JSON")).build();
        }
        if (status >= 500) {
            return unexpected(refused);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Request refused" : type.getReasonPhrase();
        return json(status, ApiError.of(code(reason), reason)).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Throwable failure) {
        LOG.error("Unexpected failure", failure);
        return json(500, ApiError.of("internal_error", "Unexpected failure; nothing was recorded")).build();
    }

    private static String code(String reason) {
        return reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /**
     * Every error answer: JSON, headers left to the caller; logged and counted once when it answers a call of
     * the endpoint (a favicon or a scanner's guess is not a lead outcome).
     */
    private RestResponse.ResponseBuilder<ApiError> json(int status, ApiError error) {
        if (TrackLeadResource.PATH.equals(request.request().path())) {
            log.finish(RequestRecord.of(request), status, error.error().code());
        }
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status), error)
                .type(MediaType.APPLICATION_JSON_TYPE);
    }
}
