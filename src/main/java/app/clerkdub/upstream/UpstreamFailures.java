package app.clerkdub.upstream;

import java.time.Duration;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Turns whatever a REST client call failed with into one of the upstream exceptions. */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    /** Maps an answered error status: 429 and 5xx may pass, any other 4xx won't. */
    public static UpstreamException fromStatus(Upstream upstream, int status, String code, String message,
            Duration retryAfter) {
        if (status == 429 || status >= 500) {
            return UpstreamUnavailableException.answered(upstream, status, code, message, retryAfter);
        }
        return new UpstreamRejectedException(upstream, status, code, message);
    }

    /** Maps a failure with no usable answer: a timeout, a broken connection, an open circuit. */
    public static UpstreamException classify(Upstream upstream, Throwable failure, Duration circuitDelay) {
        if (failure instanceof UpstreamException known) {
            return known;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return UpstreamUnavailableException.circuitOpen(upstream, circuitDelay, failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().contains("Timeout")) {
                return UpstreamUnavailableException.timedOut(upstream, failure);
            }
        }
        return UpstreamUnavailableException.unreachable(upstream, failure);
    }
}
