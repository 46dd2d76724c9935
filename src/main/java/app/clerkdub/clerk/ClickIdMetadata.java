package app.clerkdub.clerk;

import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The {@code dubClickId} key of a user's public metadata: where this service records that the
 * user's lead was handled. Any non-empty string there means "tracked"; anything else, "not yet".
 */
public final class ClickIdMetadata {
    public static final String KEY = "dubClickId";
    /** Recorded when there was no click to attribute, or Dub did not know it. */
    public static final String NONE = "n/a";

    private ClickIdMetadata() {
    }

    /** From the Backend API's {@code public_metadata}. */
    public static Optional<String> read(Map<String, Object> publicMetadata) {
        if (publicMetadata == null) {
            return Optional.empty();
        }
        return publicMetadata.get(KEY) instanceof String value && !value.isEmpty()
                ? Optional.of(value)
                : Optional.empty();
    }

    /** From a session-token claim: whatever type the claim has, only an object can hold the key. */
    public static Optional<String> readClaim(Object claim) {
        if (!(claim instanceof JsonObject metadata)) {
            return Optional.empty();
        }
        JsonValue value = metadata.get(KEY);
        return value instanceof JsonString text && !text.getString().isEmpty()
                ? Optional.of(text.getString())
                : Optional.empty();
    }
}
