package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Clerk's metadata merge: nested objects are merged too, and a {@code null} value removes its key. */
final class Metadata {
    private Metadata() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> current, Map<String, Object> patch) {
        Map<String, Object> merged = new LinkedHashMap<>(current == null ? Map.of() : current);
        if (patch == null) {
            return merged;
        }
        patch.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> nested && merged.get(key) instanceof Map<?, ?> existing) {
                merged.put(key, deepMerge((Map<String, Object>) existing, (Map<String, Object>) nested));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
