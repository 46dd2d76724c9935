package app.clerkdub.api.webhook;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.api.http.Refusal;
import app.clerkdub.dub.SaleOutcome;
import app.clerkdub.lead.LeadStatus;
import app.clerkdub.lead.QualifyResult;
import app.clerkdub.lead.SyncResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a delivery ended, in Svix's terms: {@link Done} (2xx: handled, or nothing to do now or on any retry) or
 * {@link Refused} (any other status: Svix delivers it again, for days).
 */
sealed interface WebhookOutcome {

    /** The HTTP status Svix acts on. */
    int status();

    /** The log line's word and the metric's tag: the result, or the error code. */
    String tag();

    static WebhookOutcome done(Result result) {
        return new Done(result);
    }

    record Done(Result result) implements WebhookOutcome {
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

    /**
     * The {@code result} of a delivery that is done: the answer's body says it to whoever looks at the delivery in
     * Clerk's dashboard. Written outside the REST layer, hence registered for the native binary.
     */
    @RegisterForReflection
    enum Result {
        // user.created: the lead flow's own statuses, and why it was not run.
        TRACKED,
        DUPLICATE,
        UNKNOWN_CLICK,
        ALREADY_TRACKED,
        NO_CLICK,
        INVALID_CLICK_ID,
        /** Deleted before the delivery arrived: every retry would find the same. */
        USER_NOT_FOUND,
        // paymentAttempt.updated
        SALE_RECORDED,
        /** Dub holds no lead for the payer: the sale is nobody's click. */
        NOT_ATTRIBUTED,
        NOT_PAID,
        FREE,
        // user.updated (dubQualified), organization.created, and a payment that qualifies: deferred mode's lead.
        /** Dub recorded the qualified lead (a repeat within Dub's dedup is {@link #DUPLICATE}). */
        QUALIFIED,
        ALREADY_QUALIFIED,
        /** The sign-up's click was not handled yet: marked on the user, the sign-up sends the qualified lead. */
        AWAITING_SIGN_UP,
        /** The user came through no link, or was tracked before deferred mode: nothing to qualify. */
        NO_LEAD,
        /** Dub has no customer, or no click on it, for the user: nothing to credit. */
        NO_CUSTOMER,
        /** Not a qualification: deferred mode is off, DUB_QUALIFY_ON leaves the event out, or dubQualified is not true. */
        NOT_QUALIFYING,
        // user.deleted and user.updated: the user's customer at Dub (DUB_CUSTOMER_SYNC).
        /** Dub deleted the deleted user's customer. */
        ERASED,
        /** Dub was sent the user's new name, email or avatar. */
        UPDATED,
        /** Nothing Dub holds about the user changed: nothing sent. */
        UNCHANGED,
        /** Dub holds no customer for the user (never came through a link, or erased already): nothing to change. */
        UNKNOWN_CUSTOMER,
        /** DUB_CUSTOMER_SYNC leaves this change out. */
        NOT_SYNCED,
        // any event
        UNHANDLED_EVENT,
        /** A payload that would fail on every retry. */
        INVALID_PAYLOAD;

        static Result of(LeadStatus status) {
            return switch (status) {
                case TRACKED -> TRACKED;
                case DUPLICATE -> DUPLICATE;
                case UNKNOWN_CLICK -> UNKNOWN_CLICK;
                case ALREADY_TRACKED -> ALREADY_TRACKED;
                case NO_CLICK -> NO_CLICK;
            };
        }

        static Result of(QualifyResult result) {
            return switch (result) {
                case QUALIFIED -> QUALIFIED;
                case DUPLICATE -> DUPLICATE;
                case ALREADY_QUALIFIED -> ALREADY_QUALIFIED;
                case AWAITING_SIGN_UP -> AWAITING_SIGN_UP;
                case NO_LEAD -> NO_LEAD;
                case NO_CUSTOMER -> NO_CUSTOMER;
                case USER_NOT_FOUND -> USER_NOT_FOUND;
            };
        }

        static Result of(SyncResult result) {
            return switch (result) {
                case ERASED -> ERASED;
                case UPDATED -> UPDATED;
                case UNCHANGED -> UNCHANGED;
                case UNKNOWN_CUSTOMER -> UNKNOWN_CUSTOMER;
                case USER_NOT_FOUND -> USER_NOT_FOUND;
            };
        }

        static Result of(SaleOutcome outcome) {
            return outcome == SaleOutcome.RECORDED ? SALE_RECORDED : NOT_ATTRIBUTED;
        }

        @JsonValue
        String wireValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
