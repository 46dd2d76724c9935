package app.clerkdub.upstream;

/** A 4xx answer other than 429: the request itself was refused, so sending it again cannot help. */
public class UpstreamRejectedException extends UpstreamException {
    public UpstreamRejectedException(Upstream upstream, int status, String upstreamCode, String upstreamMessage) {
        super(upstream, status, upstreamCode, describe(upstream, status, upstreamCode, upstreamMessage), null);
    }

    static String describe(Upstream upstream, int status, String code, String message) {
        StringBuilder text = new StringBuilder(upstream.displayName()).append(" answered ").append(status);
        if (code != null) {
            text.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }
}
