package app.clerkdub.api.http;

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

import app.clerkdub.api.http.Refusal.ApiError;
import app.clerkdub.api.http.RequestLog.RequestRecord;
import app.clerkdub.dub.DubClient.ClickId;
import app.clerkdub.lead.LeadFlow.UserNotFoundException;
import app.clerkdub.platform.state.BusyException;
import app.clerkdub.platform.state.RateLimitedException;
import app.clerkdub.platform.upstream.DeadlineExceededException;
import app.clerkdub.platform.upstream.UpstreamException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/**
 * Every failure of a REST call (the endpoint, and the framework's refusals on the public port) becomes a JSON
 * {@link ApiError} with the right status; none shows a stack trace. The flow's failures are answered as
 * {@link Refusal#of(Throwable)} says, as the webhook answers them.
 */
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
        return answer(Refusal.of(401, ErrorCode.UNAUTHORIZED, "A valid Clerk session token is required "
                + "(Authorization: Bearer, or the __session cookie)"));
    }

    /** quarkus-oidc could not load Clerk's signing keys (the JWKS is unreachable): Clerk is down, not the caller. */
    @ServerExceptionMapper
    public RestResponse<ApiError> keysUnavailable(OIDCException unreachable) {
        LOG.warn("Clerk's signing keys could not be loaded");
        return answer(Refusal.of(503, ErrorCode.CLERK_UNAVAILABLE,
                "Clerk's signing keys could not be loaded to verify the session; nothing was recorded")
                .retryingAfter(java.time.Duration.ofSeconds(10)));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> forbidden(ForbiddenException pending) {
        return answer(Refusal.of(403, ErrorCode.SESSION_PENDING,
                "The session is pending: finish signing up (for example, choose an organization) first"));
    }

    /** Valid JSON of the wrong shape; a clickId that is not a string is named as such. */
    @ServerExceptionMapper
    public RestResponse<ApiError> wrongShape(MismatchedInputException mismatch) {
        boolean atClickId = mismatch.getPath().stream().anyMatch(step -> "clickId".equals(step.getFieldName()));
        return atClickId
                ? answer(Refusal.of(400, ErrorCode.INVALID_CLICK_ID, "clickId must be a string"))
                : answer(Refusal.of(400, ErrorCode.INVALID_BODY, "The body must be a JSON object"));
    }

    /** The body's only constraint is the click-id pattern; the message never repeats the input. */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ConstraintViolationException invalid) {
        return answer(Refusal.of(400, ErrorCode.INVALID_CLICK_ID, "clickId " + ClickId.RULE));
    }

    /** The lead flow's and the upstreams' failures, answered as the webhook answers them. */
    @ServerExceptionMapper({ UserNotFoundException.class, RateLimitedException.class, BusyException.class,
            DeadlineExceededException.class, UpstreamException.class })
    public RestResponse<ApiError> flow(RuntimeException failure) {
        return answer(Refusal.of(failure));
    }

    /** The framework's own refusals (unknown path, wrong method, body too large) keep their status. */
    @ServerExceptionMapper
    public RestResponse<ApiError> framework(WebApplicationException refused) {
        Response response = refused.getResponse();
        int status = response == null ? 500 : response.getStatus();
        // The JSON reader wraps a parse failure in a 400 of its own.
        if (status == 400 && refused.getCause() instanceof StreamReadException) {
            return answer(Refusal.of(400, ErrorCode.INVALID_JSON, "The body is not valid JSON"));
        }
        if (status >= 500) {
            return unexpected(refused);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Request refused" : type.getReasonPhrase();
        return answer(Refusal.of(status, ErrorCode.ofStatus(status), reason));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Throwable failure) {
        return answer(Refusal.of(failure));
    }

    /**
     * Every error answer: JSON, with {@code Retry-After} when waiting helps; logged and counted once by the
     * endpoint's log when it answers a call of the endpoint (a favicon or a scanner's guess is not a lead outcome).
     */
    private RestResponse<ApiError> answer(Refusal refusal) {
        if (TrackLeadResource.PATH.equals(request.request().path())) {
            log.finish(RequestRecord.of(request), refusal.status(), refusal.code().wireValue());
        }
        RestResponse.ResponseBuilder<ApiError> answer = RestResponse.ResponseBuilder
                .create(RestResponse.Status.fromStatusCode(refusal.status()), refusal.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        refusal.retryAfterSeconds().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.build();
    }
}
