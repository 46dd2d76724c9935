package app.clerkdub.lead;

import com.fasterxml.jackson.annotation.JsonValue;

import app.clerkdub.dub.LeadOutcome;

/** The {@code status} of a successful answer. */
public enum LeadStatus {
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
    public String wireValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
