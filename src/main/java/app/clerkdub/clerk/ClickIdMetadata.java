package app.clerkdub.clerk;

import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The {@code dubClickId} key of a user's public metadata: where this service records that the user's lead was
 * handled, and how. Any non-empty string there means handled; anything else, not yet.
 */
public sealed interface ClickIdMetadata {
    String KEY = "dubClickId";

    /** What the key holds. */
    String value();

    /** The lead was sent to Dub for this click. */
    record Click(String clickId) implements ClickIdMetadata {
        @Override
        public String value() {
            return clickId;
        }
    }

    /** Handled with no click to credit: none came with the sign-up, or Dub did not know the one that came. */
    enum NoClick implements ClickIdMetadata {
        INSTANCE;

        /** How the key says it; the SPA and Clerk's dashboard show it as is. */
        static final String VALUE = "n/a";

        @Override
        public String value() {
            return VALUE;
        }
    }

    /** What a value of the key stands for. */
    static ClickIdMetadata of(String value) {
        return NoClick.VALUE.equals(value) ? NoClick.INSTANCE : new Click(value);
    }

    /** From the Backend API's {@code public_metadata}. */
    static Optional<ClickIdMetadata> read(Map<String, Object> publicMetadata) {
        if (publicMetadata == null) {
            return Optional.empty();
        }
        return publicMetadata.get(KEY) instanceof String value && !value.isEmpty()
                ? Optional.of(of(value))
                : Optional.empty();
    }

    /** From a session-token claim: whatever type the claim has, only an object can hold the key. */
    static Optional<ClickIdMetadata> readClaim(Object claim) {
        if (!(claim instanceof JsonObject metadata)) {
            return Optional.empty();
        }
        JsonValue value = metadata.get(KEY);
        return value instanceof JsonString text && !text.getString().isEmpty()
                ? Optional.of(of(text.getString()))
                : Optional.empty();
    }
}
