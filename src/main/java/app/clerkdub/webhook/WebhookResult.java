package app.clerkdub.webhook;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.dub.SaleOutcome;
import app.clerkdub.lead.LeadStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code result} of a delivery that is done: the answer's body says it to whoever looks at the delivery in
 * Clerk's dashboard. Written outside the REST layer, hence registered for the native binary.
 */
@RegisterForReflection
enum WebhookResult {
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
    /** An organization paid: it never signed up through a link. */
    ORG_PAYER,
    FREE,
    // any event
    UNHANDLED_EVENT,
    /** A payload that would fail on every retry. */
    INVALID_PAYLOAD;

    static WebhookResult of(LeadStatus status) {
        return switch (status) {
            case TRACKED -> TRACKED;
            case DUPLICATE -> DUPLICATE;
            case UNKNOWN_CLICK -> UNKNOWN_CLICK;
            case ALREADY_TRACKED -> ALREADY_TRACKED;
            case NO_CLICK -> NO_CLICK;
        };
    }

    static WebhookResult of(SaleOutcome outcome) {
        return outcome == SaleOutcome.RECORDED ? SALE_RECORDED : NOT_ATTRIBUTED;
    }

    @JsonValue
    String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
