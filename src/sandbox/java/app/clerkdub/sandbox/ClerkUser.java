package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Clerk user, written in the Backend API's {@code User} shape with every field the spec requires, in its
 * order ({@link #toJson()}): the one way simulated Clerk, in dev mode and in the tests, writes a user. What
 * is not held here is what a password sign-up gets.
 */
public record ClerkUser(String id, String username, String firstName, String lastName, String email,
        String imageUrl, Map<String, Object> publicMetadata, Map<String, Object> privateMetadata,
        Map<String, Object> unsafeMetadata, long createdAt, long updatedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ada Lovelace, signed up just now, with no metadata. */
    public static ClerkUser named(String id) {
        long now = System.currentTimeMillis();
        return new ClerkUser(id, "ada", "Ada", "Lovelace", "ada@example.com", "https://img.clerk.com/ada.png",
                Map.of(), Map.of(), Map.of(), now, now);
    }

    public ClerkUser withMetadata(Map<String, Object> metadata) {
        return new ClerkUser(id, username, firstName, lastName, email, imageUrl, metadata, privateMetadata,
                unsafeMetadata, createdAt, updatedAt);
    }

    public ClerkUser withNames(String first, String last, String user) {
        return new ClerkUser(id, user, first, last, email, imageUrl, publicMetadata, privateMetadata,
                unsafeMetadata, createdAt, updatedAt);
    }

    public ClerkUser withEmail(String address) {
        return new ClerkUser(id, username, firstName, lastName, address, imageUrl, publicMetadata, privateMetadata,
                unsafeMetadata, createdAt, updatedAt);
    }

    /** Clerk's {@code PATCH /v1/users/{id}/metadata}: each given object deep-merged, a null value removing its key. */
    public ClerkUser merged(Map<String, Object> publicPatch, Map<String, Object> privatePatch,
            Map<String, Object> unsafePatch, long now) {
        return new ClerkUser(id, username, firstName, lastName, email, imageUrl, deepMerge(publicMetadata, publicPatch),
                deepMerge(privateMetadata, privatePatch), deepMerge(unsafeMetadata, unsafePatch), createdAt, now);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(fields());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public Map<String, Object> fields() {
        String emailId = "idn_" + id.substring(Math.min(5, id.length()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("object", "user");
        user.put("external_id", null);
        user.put("primary_email_address_id", email == null ? null : emailId);
        user.put("primary_phone_number_id", null);
        user.put("primary_web3_wallet_id", null);
        user.put("username", username);
        user.put("first_name", firstName);
        user.put("last_name", lastName);
        user.put("image_url", imageUrl);
        user.put("has_image", imageUrl != null);
        user.put("public_metadata", publicMetadata);
        user.put("private_metadata", privateMetadata);
        user.put("unsafe_metadata", unsafeMetadata);
        user.put("email_addresses", email == null ? List.of() : List.of(emailAddress(emailId)));
        for (String none : List.of("phone_numbers", "web3_wallets", "passkeys")) {
            user.put(none, List.of());
        }
        user.put("password_enabled", true);
        user.put("two_factor_enabled", false);
        user.put("totp_enabled", false);
        user.put("backup_code_enabled", false);
        user.put("mfa_enabled_at", null);
        user.put("mfa_disabled_at", null);
        for (String none : List.of("external_accounts", "saml_accounts", "enterprise_accounts")) {
            user.put(none, List.of());
        }
        user.put("last_sign_in_at", createdAt);
        user.put("banned", false);
        user.put("locked", false);
        user.put("lockout_expires_in_seconds", null);
        user.put("verification_attempts_remaining", 100);
        user.put("created_at", createdAt);
        user.put("updated_at", updatedAt);
        user.put("delete_self_enabled", true);
        user.put("create_organization_enabled", true);
        user.put("last_active_at", updatedAt);
        user.put("legal_accepted_at", null);
        return user;
    }

    private Map<String, Object> emailAddress(String emailId) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("id", emailId);
        address.put("object", "email_address");
        address.put("email_address", email);
        address.put("reserved", false);
        address.put("verification", Map.of("object", "verification_otp", "status", "verified",
                "strategy", "email_code", "attempts", 1, "expire_at", createdAt));
        address.put("linked_to", List.of());
        address.put("created_at", createdAt);
        address.put("updated_at", createdAt);
        return address;
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
