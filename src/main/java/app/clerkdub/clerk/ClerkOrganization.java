package app.clerkdub.clerk;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of Clerk's {@code Organization} that crediting its payments needs. */
public record ClerkOrganization(String id, @JsonProperty("created_by") String createdBy,
        @JsonProperty("public_metadata") Map<String, Object> publicMetadata) {

    /**
     * The key of the organization's public metadata that names the member its payments are credited to, when it is
     * not the creator: set by the app's backend (public metadata cannot be written from the browser).
     */
    public static final String LEAD_USER_KEY = "dubLeadUserId";

    /** The member whose sign-up is the organization's lead: the one its metadata names, else its creator. */
    public Optional<String> leadUserId() {
        Object named = publicMetadata == null ? null : publicMetadata.get(LEAD_USER_KEY);
        if (named instanceof String userId && !userId.isBlank()) {
            return Optional.of(userId.trim());
        }
        return Optional.ofNullable(createdBy).filter(creator -> !creator.isBlank());
    }
}
