package app.clerkdub.platform.upstream;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.netty.channel.ConnectTimeoutException;

/**
 * The one failure that leaves the Clerk and Dub clients: an upstream call that gave no usable answer.
 * Its {@link Kind} says what went wrong, and so whether it is retried and how the caller is answered.
 * The message is safe to show to a caller: it carries the upstream's status and error code, never a
 * request header.
 */
public final class UpstreamException extends RuntimeException {

    public enum Kind {
        /** A 4xx other than 404 and 429: the request itself was refused, so sending it again cannot help. */
        REJECTED("rejected"),
        /**
         * A 404 about what was asked for (a user, a click), which the clients turn into an answer of their
         * own. One that leaves a client anyway is a refusal like any other 4xx, and counted as one.
         */
        NOT_FOUND("rejected"),
        /** 5xx or no connection: it may pass, so it is retried, and it says the upstream is unwell. */
        UNAVAILABLE("unavailable"),
        /**
         * 429: the upstream is up but asks us to slow down. Retried when the wait is short; it says nothing
         * about availability, so the circuit breaker ignores it.
         */
        RATE_LIMITED("rate_limited"),
        /** No answer in time: it may pass, as {@link #UNAVAILABLE} may. */
        TIMEOUT("timeout"),
        /** The circuit is open: the upstream failed too often lately and is not called for a while. */
        CIRCUIT_OPEN("circuit_open");

        private final String result;

        Kind(String result) {
            this.result = result;
        }

        /** The kind of an error answer, when its body says nothing more. */
        public static Kind ofStatus(int status) {
            if (status == 429) {
                return RATE_LIMITED;
            }
            if (status >= 500) {
                return UNAVAILABLE;
            }
            return status == 404 ? NOT_FOUND : REJECTED;
        }

        /** The {@code result} tag of the {@code upstream.calls} timer. */
        String result() {
            return result;
        }

        /** Whether calling again may help. */
        boolean mayPass() {
            return this == UNAVAILABLE || this == TIMEOUT || this == RATE_LIMITED;
        }

        /** Whether it says the upstream is unavailable: only these open a circuit. */
        boolean saysUnavailable() {
            return this == UNAVAILABLE || this == TIMEOUT;
        }
    }

    private final Upstream upstream;
    private final Kind kind;
    private final Duration retryAfter;
    /** The upstream's HTTP status; 0 when no answer came. */
    private final int status;
    /** The trace id the upstream gave its error answer ({@code clerk_trace_id}), when it gave one. */
    private final String upstreamTraceId;

    private UpstreamException(Upstream upstream, Kind kind, int status, String message, Duration retryAfter,
            Throwable cause) {
        this(upstream, kind, status, message, retryAfter, cause, null);
    }

    private UpstreamException(Upstream upstream, Kind kind, int status, String message, Duration retryAfter,
            Throwable cause, String upstreamTraceId) {
        super(message, cause, false, false);
        this.upstream = upstream;
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.upstreamTraceId = upstreamTraceId == null || upstreamTraceId.isBlank() ? null : upstreamTraceId;
    }

    /**
     * An error answer. Its {@code Retry-After} is kept only when calling again may help.
     *
     * @param code and message: the upstream's error code and message, when its body had them
     */
    public static UpstreamException answered(Upstream upstream, Kind kind, int status, String code, String message,
            Duration retryAfter) {
        return answered(upstream, kind, status, code, message, retryAfter, null);
    }

    /** An error answer that named its trace id, as Clerk's do. */
    public static UpstreamException answered(Upstream upstream, Kind kind, int status, String code, String message,
            Duration retryAfter, String traceId) {
        StringBuilder text = new StringBuilder(upstream.displayName()).append(" answered ").append(status);
        if (code != null) {
            text.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return new UpstreamException(upstream, kind, status, text.toString(), kind.mayPass() ? retryAfter : null, null,
                traceId);
    }

    /** The trace id the upstream gave its error answer, for its support. */
    public Optional<String> upstreamTraceId() {
        return Optional.ofNullable(upstreamTraceId);
    }

    /** Any failure of a call: an error answer already is one; else no answer came in time, or none at all. */
    static UpstreamException from(Upstream upstream, Throwable failure) {
        if (failure instanceof UpstreamException known) {
            return known;
        }
        String name = upstream.displayName();
        return isTimeout(failure)
                ? new UpstreamException(upstream, Kind.TIMEOUT, 0, name + " did not answer in time", null, failure)
                : new UpstreamException(upstream, Kind.UNAVAILABLE, 0,
                        name + " could not be reached (" + failure.getClass().getSimpleName() + ")", null, failure);
    }

    static UpstreamException circuitOpen(Upstream upstream, Duration retryAfter, Throwable cause) {
        return new UpstreamException(upstream, Kind.CIRCUIT_OPEN, 0,
                upstream.displayName() + " failed repeatedly and is not called for now", retryAfter, cause);
    }

    /**
     * The read timeout fails the call with a {@link TimeoutException} (Vert.x's idle timeout) and the
     * connect timeout with Netty's {@link ConnectTimeoutException}; either may come wrapped.
     */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** For {@code onFailure(...)}: whether a failure is an upstream failure of this kind. */
    public static Predicate<Throwable> is(Kind kind) {
        return failure -> failure instanceof UpstreamException upstream && upstream.kind == kind;
    }

    /** For {@code onFailure(...)}: whether a failure is an upstream's answer with this HTTP status. */
    public static Predicate<Throwable> answered(int status) {
        return failure -> failure instanceof UpstreamException upstream && upstream.status == status;
    }

    public Upstream upstream() {
        return upstream;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream's HTTP status; 0 when no answer came. */
    int status() {
        return status;
    }

    /** How long the upstream asked us to wait before calling again, when it said so (or the circuit's delay). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
