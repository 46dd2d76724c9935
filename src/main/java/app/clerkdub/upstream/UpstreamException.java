package app.clerkdub.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * An upstream call that did not give a usable answer. The message is safe to show to a caller:
 * it carries the upstream's status and error code, never a request header.
 */
public abstract class UpstreamException extends RuntimeException {
    private final Upstream upstream;
    private final int status;
    private final String upstreamCode;

    protected UpstreamException(Upstream upstream, int status, String upstreamCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.upstream = upstream;
        this.status = status;
        this.upstreamCode = upstreamCode;
    }

    public Upstream upstream() {
        return upstream;
    }

    /** The HTTP status the upstream answered, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    public Optional<String> upstreamCode() {
        return Optional.ofNullable(upstreamCode);
    }

    /** How long the upstream asked us to wait before calling again, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
