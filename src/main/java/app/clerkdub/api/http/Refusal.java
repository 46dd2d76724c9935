package app.clerkdub.api.http;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import app.clerkdub.lead.LeadFlow.UserNotFoundException;
import app.clerkdub.platform.state.SharedState.Budget;
import app.clerkdub.platform.state.BusyException;
import app.clerkdub.platform.state.RateLimitedException;
import app.clerkdub.platform.upstream.DeadlineExceededException;
import app.clerkdub.platform.upstream.UpstreamException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error answer: its status, its code, its message and, when calling again later helps, how long to wait.
 * {@link #of(Throwable)} is the error policy the endpoint and the webhook share: how each failure of the
 * lead flow and the upstreams is answered.
 */
public record Refusal(int status, ErrorCode code, String message, Optional<Duration> retryAfter) {
    private static final Logger LOG = Logger.getLogger(Refusal.class);

    public static Refusal of(int status, ErrorCode code, String message) {
        return new Refusal(status, code, message, Optional.empty());
    }

    /**
     * How a failure is answered: 503 with {@code Retry-After} for an open circuit, 504 for a timeout, 502 for
     * anything else an upstream did; 429 or 503 with {@code Retry-After} for a spent budget; 500 for a bug.
     */
    public static Refusal of(Throwable failure) {
        if (failure instanceof UpstreamException upstream) {
            LOG.warn(upstream.getMessage());
            int status = switch (upstream.kind()) {
                case CIRCUIT_OPEN -> 503;
                case TIMEOUT -> 504;
                default -> 502;
            };
            return new Refusal(status, ErrorCode.of(upstream.upstream()), upstream.getMessage(), upstream.retryAfter());
        }
        if (failure instanceof RateLimitedException limited) {
            return of(429, ErrorCode.RATE_LIMITED, limited.getMessage()).retryingAfter(limited.retryAfter());
        }
        if (failure instanceof BusyException busy) {
            return of(503, ErrorCode.BUSY, busy.getMessage()).retryingAfter(BusyException.RETRY_AFTER);
        }
        if (failure instanceof DeadlineExceededException late) {
            return of(504, ErrorCode.UPSTREAM_TIMEOUT, late.getMessage());
        }
        if (failure instanceof UserNotFoundException gone) {
            return of(404, ErrorCode.USER_NOT_FOUND, gone.getMessage());
        }
        LOG.error("Unexpected failure", failure);
        return of(500, ErrorCode.INTERNAL_ERROR, "Unexpected failure; nothing was recorded");
    }

    public Refusal retryingAfter(Duration wait) {
        return new Refusal(status, code, message, Optional.of(wait));
    }

    /** The same refusal in other words: the webhook tells Clerk what happens next, not the SPA. */
    public Refusal saying(String otherMessage) {
        return new Refusal(status, code, otherMessage, retryAfter);
    }

    /** The {@code Retry-After} header's value: whole seconds, never 0. */
    public Optional<Long> retryAfterSeconds() {
        return retryAfter.map(Budget::retryAfterSeconds);
    }

    public ApiError body() {
        return ApiError.of(code, message);
    }

    /**
     * The body of every error, of the endpoint and of the webhook: {@code {"ok":false,"error":{"code":"...",
     * "message":"..."}}}.
     * <p>
     * Written by exception mappers and by {@link FrontDoor.JsonAnswers} outside the REST layer, and the build registers
     * neither for reflection: without the annotation (which covers {@link Detail} too) the native binary could
     * not write it.
     * <p>
     * The OpenAPI document describes it once, as {@code ApiError} in META-INF/openapi.yaml, and the endpoint's and
     * the webhook's responses refer to it by that name.
     */
    @RegisterForReflection
    public record ApiError(boolean ok, Detail error) {

        public record Detail(ErrorCode code, String message) {
        }

        public static ApiError of(ErrorCode code, String message) {
            return new ApiError(false, new Detail(code, message));
        }
    }
}
