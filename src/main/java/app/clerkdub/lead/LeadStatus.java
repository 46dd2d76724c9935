package app.clerkdub.lead;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.dub.LeadOutcome;

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
