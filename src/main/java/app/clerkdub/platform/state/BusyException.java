package app.clerkdub.platform.state;

/** As many users' flows as allowed are under way on this instance; answered 503 with {@code Retry-After}. */
public class BusyException extends RuntimeException {
    /** A run takes well under a second when the upstreams are well: a slot is soon free again. */
    public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(1);

    public BusyException() {
        super("Too many sign-ups are being tracked at once; nothing was recorded, call again shortly",
                null, false, false);
    }
}
