package app.clerkdub.api.webhook;

/** A delivery that cannot be shown to come from Clerk: refused before anything in it is read. */
final class InvalidSignatureException extends Exception {

    /** Why, for the log line and the metric; the caller hears only that the signature is invalid. */
    enum Reason {
        /** One of the id, timestamp and signature headers is missing. */
        MISSING_HEADERS,
        /** The timestamp is more than five minutes from now, or not a number: a replay, or a clock far off. */
        STALE_TIMESTAMP,
        /** No signature in the header matches the body under our secret (altered, or another secret). */
        NO_MATCH;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    InvalidSignatureException(Reason reason) {
        super(reason.tag(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
