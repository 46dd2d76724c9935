package app.clerkdub.upstream;

import java.time.Duration;
import java.util.Optional;

/** A failure that may pass: no connection, a timeout, 429 or 5xx. These are retried and open the circuit. */
public class UpstreamUnavailableException extends UpstreamException {
    private final Duration retryAfter;
    private final boolean timeout;

    private UpstreamUnavailableException(Upstream upstream, int status, String upstreamCode, String message,
            Duration retryAfter, boolean timeout, Throwable cause) {
        super(upstream, status, upstreamCode, message, cause);
        this.retryAfter = retryAfter;
        this.timeout = timeout;
    }

    /** A 429 or 5xx answer. */
    public static UpstreamUnavailableException answered(Upstream upstream, int status, String upstreamCode,
            String upstreamMessage, Duration retryAfter) {
        return new UpstreamUnavailableException(upstream, status, upstreamCode,
                UpstreamRejectedException.describe(upstream, status, upstreamCode, upstreamMessage),
                retryAfter, false, null);
    }

    /** No answer within the read timeout. */
    public static UpstreamUnavailableException timedOut(Upstream upstream, Throwable cause) {
        return new UpstreamUnavailableException(upstream, 0, null,
                upstream.displayName() + " did not answer in time", null, true, cause);
    }

    /** The connection failed or broke before an answer arrived. */
    public static UpstreamUnavailableException unreachable(Upstream upstream, Throwable cause) {
        return new UpstreamUnavailableException(upstream, 0, null,
                upstream.displayName() + " could not be reached (" + cause.getClass().getSimpleName() + ")",
                null, false, cause);
    }

    /** The circuit breaker is open: the upstream failed too often lately and is not called for a while. */
    public static UpstreamUnavailableException circuitOpen(Upstream upstream, Duration retryAfter, Throwable cause) {
        return new UpstreamUnavailableException(upstream, 0, null,
                upstream.displayName() + " failed repeatedly and is not called for now", retryAfter, false, cause);
    }

    public boolean isTimeout() {
        return timeout;
    }

    public boolean isCircuitOpen() {
        return getCause() instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
