package app.clerkdub.clerk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dubLead} key of a user's public metadata, beside {@code dubClickId}, in deferred mode only: where the
 * user's lead stands between the sign-up (Dub holds the click on the customer) and the qualified lead.
 */
public enum LeadState {
    /** The sign-up's click is stored on the customer at Dub; the lead waits for the user to qualify. */
    PENDING,
    /** The qualified lead was sent to Dub: nothing more to send, ever. */
    QUALIFIED,
    /** The user qualified before the sign-up's click was handled: the sign-up sends the qualified lead at once. */
    QUALIFIED_FIRST,
    /** Dub had no customer, or no click on it, for the qualified lead (deleted at Dub): nothing more to send. */
    NO_CUSTOMER;

    public static final String KEY = "dubLead";

    /** Whether nothing is left to send to Dub for the user, whatever qualifies them next. */
    public boolean settled() {
        return this == QUALIFIED || this == NO_CUSTOMER;
    }

    /** How the key says it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From the Backend API's, or a webhook's, {@code public_metadata}; anything unknown is no state. */
    public static Optional<LeadState> read(Map<String, Object> publicMetadata) {
        Object value = publicMetadata == null ? null : publicMetadata.get(KEY);
        return Arrays.stream(values()).filter(state -> state.value().equals(value)).findFirst();
    }
}
