package app.clerkdub.webhook;

import app.clerkdub.door.Refusal;

/**
 * How a delivery ended, in Svix's terms: {@link Done} (2xx: handled, or nothing to do now or on any retry) or
 * {@link Refused} (any other status: Svix delivers it again, for days).
 */
sealed interface WebhookOutcome {

    /** The HTTP status Svix acts on. */
    int status();

    /** The log line's word and the metric's tag: the result, or the error code. */
    String tag();

    static WebhookOutcome done(WebhookResult result) {
        return new Done(result);
    }

    record Done(WebhookResult result) implements WebhookOutcome {
        @Override
        public int status() {
            return 200;
        }

        @Override
        public String tag() {
            return result.wireValue();
        }
    }

    record Refused(Refusal refusal) implements WebhookOutcome {
        @Override
        public int status() {
            return refusal.status();
        }

        @Override
        public String tag() {
            return refusal.code().wireValue();
        }
    }
}
