package app.clerkdub.clerk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PATCH /v1/users/{id}/metadata}: Clerk deep-merges each object given, so other keys survive; an
 * object not given is left as it is. One update writes the lead's mark and the fingerprint of what Dub was sent
 * together, so that the {@code user.updated} it causes already shows both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetadataUpdate(@JsonProperty("public_metadata") Map<String, Object> publicMetadata,
        @JsonProperty("private_metadata") Map<String, Object> privateMetadata) {

    /** The mark, and the fingerprint of the customer Dub now holds, when it holds one (null: none). */
    public static MetadataUpdate clickId(String clickId, String customerFingerprint) {
        return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, clickId), customer(customerFingerprint));
    }

    /** The click and where its deferred lead stands, in one update, with the customer's fingerprint. */
    public static MetadataUpdate lead(ClickIdMetadata mark, LeadState state, String customerFingerprint) {
        return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, mark.value(), LeadState.KEY, state.value()),
                customer(customerFingerprint));
    }

    /** Where the deferred lead stands, the click left as it is. */
    public static MetadataUpdate leadState(LeadState state) {
        return new MetadataUpdate(Map.of(LeadState.KEY, state.value()), null);
    }

    /** The fingerprint of what Dub now holds about the user, the public metadata left as it is. */
    public static MetadataUpdate customerSent(String customerFingerprint) {
        return new MetadataUpdate(null, customer(customerFingerprint));
    }

    private static Map<String, Object> customer(String fingerprint) {
        return fingerprint == null ? null : Map.of(ClerkUser.CUSTOMER_KEY, fingerprint);
    }
}
