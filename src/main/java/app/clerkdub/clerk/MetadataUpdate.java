package app.clerkdub.clerk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /v1/users/{id}/metadata}: Clerk deep-merges it, so other keys survive. */
public record MetadataUpdate(@JsonProperty("public_metadata") Map<String, Object> publicMetadata) {

    public static MetadataUpdate clickId(String clickId) {
        return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, clickId));
    }
}
