package app.clerkdub.webhook;

/**
 * How a delivery ended: the HTTP status Svix acts on (2xx done, anything else retried for days) and the
 * result, which is the body's {@code result} or error code, the log line's word and the metric's tag.
 */
record WebhookOutcome(int status, String result, String message) {

    /** Done: handled, or nothing to do now or on any retry. */
    static WebhookOutcome done(String result) {
        return new WebhookOutcome(200, result, null);
    }

    /** Not done: Svix should deliver it again. */
    static WebhookOutcome retry(int status, String code, String message) {
        return new WebhookOutcome(status, code, message);
    }

    boolean succeeded() {
        return status < 300;
    }
}
