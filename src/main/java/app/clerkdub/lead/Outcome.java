package app.clerkdub.lead;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata.Click;
import app.clerkdub.dub.DubClient.LeadOutcome;

/**
 * How a use case ended, in the one word every door uses for it: the endpoint's {@code status}, the webhook's
 * {@code result}, the log line's outcome and the metric's tag. Each use case has its own enum of them.
 */
public interface Outcome {
    String name();

    default String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a sign-up's lead ended: the endpoint's {@code status}, the {@code user.created} delivery's result. */
    public enum LeadStatus implements Outcome {
        /** The user's metadata already records a click: nothing was sent anywhere. */
        ALREADY_TRACKED,
        /** No click id came with the request: the user is marked so that it is not asked again. */
        NO_CLICK,
        TRACKED,
        DUPLICATE,
        UNKNOWN_CLICK;

        static LeadStatus of(LeadOutcome outcome) {
            return switch (outcome) {
                case TRACKED -> TRACKED;
                case DUPLICATE -> DUPLICATE;
                case UNKNOWN_CLICK -> UNKNOWN_CLICK;
            };
        }

        /** Whether Dub was told about the click, so the {@code dub_id} cookie has served its purpose. */
        boolean consumedClick() {
            return this == TRACKED || this == DUPLICATE || this == UNKNOWN_CLICK;
        }

        @JsonValue
        @Override
        public String wireValue() {
            return Outcome.super.wireValue();
        }
    }

    /** How a qualification ended; every one is final for the event that asked for it. */
    public enum QualifyResult implements Outcome {
        /** Dub recorded the qualified lead, and the user's metadata says so. */
        QUALIFIED,
        /** Dub already had the qualified lead (its dedup); the user's metadata now says so. */
        DUPLICATE,
        /** The user's metadata already said qualified (or Dub had lost the customer): nothing sent. */
        ALREADY_QUALIFIED,
        /**
         * The user's sign-up was not handled yet: the user's metadata now says qualified first, and the sign-up sends
         * the qualified lead right after its deferred call.
         */
        AWAITING_SIGN_UP,
        /** No deferred lead to qualify: the user came through no link, or was tracked before deferred mode. */
        NO_LEAD,
        /** Dub had no customer, or no click on it: nothing to credit; the user's metadata says so. */
        NO_CUSTOMER,
        /** Clerk no longer knows the user. */
        USER_NOT_FOUND,
        /** Not a qualification: deferred mode is off, DUB_QUALIFY_ON leaves the event out, or dubQualified is not true. */
        NOT_QUALIFYING
    }

    /** How a payment ended; every one is final for the event that told it. */
    public enum SaleResult implements Outcome {
        /** Dub recorded the sale for the payer's lead (or, for an invoice id it had seen, its earlier answer again). */
        SALE_RECORDED,
        /** Dub holds no lead for the payer, or the paying organization has no member to credit: nobody's click. */
        NOT_ATTRIBUTED,
        /** The attempt is not paid (yet): no sale. */
        NOT_PAID,
        /** Paid, but nothing: no sale. */
        FREE
    }

    /** How a change of a user reached, or did not need to reach, their customer at Dub; each is final for its event. */
    public enum SyncResult implements Outcome {
        /** Dub deleted the customer. */
        ERASED,
        /** Dub now holds the user's current name, email and avatar. */
        UPDATED,
        /** Dub already holds the user's current name, email and avatar: nothing sent. */
        UNCHANGED,
        /** Dub holds no customer for the user (never came through a link, or deleted already): nothing to change. */
        UNKNOWN_CUSTOMER,
        /** Clerk no longer knows the user, or the user was deleted lately: nothing sent. */
        USER_NOT_FOUND,
        /** DUB_CUSTOMER_SYNC leaves this change out. */
        NOT_SYNCED
    }

    /**
     * How a sign-up's lead ended: its status, the click it named, and what the user's record holds once the flow is
     * done, by which the endpoint knows whether the browser's {@code dub_id} is spent.
     */
    public record SignUpOutcome(LeadStatus status, String clickId, ClickIdMetadata recorded) {

        /** The user's record already held {@code recorded}: nothing was sent anywhere. */
        static SignUpOutcome alreadyTracked(ClickIdMetadata recorded) {
            return new SignUpOutcome(LeadStatus.ALREADY_TRACKED, null, recorded);
        }

        /**
         * Whether the browser's {@code dub_id} has served its purpose: Dub was told about a click just now, or
         * the user's record already holds the very click of the cookie (a different click is left alone: it may
         * be meant for another account signing up from this browser).
         */
        public boolean spends(Optional<String> cookieClick) {
            return status.consumedClick()
                    || recorded instanceof Click click && cookieClick.filter(click.clickId()::equals).isPresent();
        }

        /** The outcome as the runs that waited for it on other instances read it: status, click and record. */
        String told() {
            return "lead|" + status.wireValue() + "|" + (clickId == null ? "" : clickId) + "|" + recorded.value();
        }

        /** The outcome another instance's run told, when it was a sign-up's (a qualification's tells its own). */
        static Optional<SignUpOutcome> fromTold(String told) {
            String[] parts = told.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals("lead")) {
                return Optional.empty();
            }
            LeadStatus status = LeadStatus.valueOf(parts[1].toUpperCase(Locale.ROOT));
            return Optional.of(new SignUpOutcome(status, parts[2].isEmpty() ? null : parts[2], ClickIdMetadata.of(parts[3])));
        }
    }
}
