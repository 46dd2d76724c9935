package app.clerkdub.api.webhook;

import app.clerkdub.api.http.Refusal;
import app.clerkdub.lead.Outcome;

/**
 * How a delivery ended, in Svix's terms: {@link Done} (2xx: handled, or nothing to do now or on any retry) or
 * {@link Refused} (any other status: Svix delivers it again, for days). The answer, the log line and the metric
 * read the status and the tag from here.
 */
sealed interface WebhookOutcome {

    /** The HTTP status Svix acts on. */
    int status();

    /** The answer's result, the log line's word and the metric's tag: the use case's outcome, or the error code. */
    String tag();

    record Done(Outcome result) implements WebhookOutcome {
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
