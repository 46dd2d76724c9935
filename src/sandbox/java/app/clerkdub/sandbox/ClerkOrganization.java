package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Clerk organization, written in the Backend API's {@code Organization} shape with every field the spec requires
 * ({@link #fields()}): the one way simulated Clerk, in dev mode and in the tests, writes an organization.
 */
public record ClerkOrganization(String id, String name, String slug, String createdBy,
        Map<String, Object> publicMetadata, long createdAt) {

    /** Acme, created just now by this user, with no metadata. */
    public static ClerkOrganization createdBy(String id, String userId) {
        return new ClerkOrganization(id, "Acme Corp", "acme-" + id.substring(Math.max(0, id.length() - 6)).toLowerCase(
                java.util.Locale.ROOT), userId, Map.of(), System.currentTimeMillis());
    }

    public ClerkOrganization withMetadata(Map<String, Object> metadata) {
        return new ClerkOrganization(id, name, slug, createdBy, metadata, createdAt);
    }

    public Map<String, Object> fields() {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("object", "organization");
        organization.put("id", id);
        organization.put("name", name);
        organization.put("slug", slug);
        organization.put("image_url", "https://img.clerk.com/sandbox/" + id + ".png");
        organization.put("has_image", false);
        organization.put("members_count", 1);
        organization.put("pending_invitations_count", 0);
        organization.put("max_allowed_memberships", 5);
        organization.put("admin_delete_enabled", true);
        organization.put("public_metadata", publicMetadata);
        organization.put("private_metadata", Map.of());
        organization.put("created_by", createdBy);
        organization.put("created_at", createdAt);
        organization.put("updated_at", createdAt);
        return organization;
    }
}
