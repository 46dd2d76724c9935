package app.clerkdub.clerk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /v1/users/{id}/metadata}: Clerk deep-merges it, so other keys survive. */
public record MetadataUpdate(@JsonProperty("public_metadata") Map<String, Object> publicMetadata) {

    public static MetadataUpdate clickId(String clickId) {
        return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, clickId));
    }

    /** The click and where its deferred lead stands, in one update. */
    public static MetadataUpdate lead(ClickIdMetadata mark, LeadState state) {
        return new MetadataUpdate(Map.of(ClickIdMetadata.KEY, mark.value(), LeadState.KEY, state.value()));
    }

    /** Where the deferred lead stands, the click left as it is. */
    public static MetadataUpdate leadState(LeadState state) {
        return new MetadataUpdate(Map.of(LeadState.KEY, state.value()));
    }
}
