package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sandbox Clerk user: what it holds, and {@link #toClerkJson()} in the Backend API's {@code User} shape. */
record SandboxUser(String id, String firstName, String lastName, String email, String emailId,
        Map<String, Object> publicMetadata, Map<String, Object> privateMetadata, Map<String, Object> unsafeMetadata,
        long createdAt, long updatedAt) {

    SandboxUser withMetadata(Map<String, Object> publicMeta, Map<String, Object> privateMeta,
            Map<String, Object> unsafeMeta, long now) {
        return new SandboxUser(id, firstName, lastName, email, emailId, publicMeta, privateMeta, unsafeMeta,
                createdAt, now);
    }

    /** Every field that the spec's {@code User} requires, in its order. */
    Map<String, Object> toClerkJson() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("object", "user");
        user.put("external_id", null);
        user.put("primary_email_address_id", email == null ? null : emailId);
        user.put("primary_phone_number_id", null);
        user.put("primary_web3_wallet_id", null);
        user.put("username", null);
        user.put("first_name", firstName);
        user.put("last_name", lastName);
        user.put("image_url", "https://img.clerk.com/sandbox/" + id + ".png");
        user.put("has_image", false);
        user.put("public_metadata", publicMetadata);
        user.put("private_metadata", privateMetadata);
        user.put("unsafe_metadata", unsafeMetadata);
        user.put("email_addresses", email == null ? List.of() : List.of(emailAddress()));
        user.put("phone_numbers", List.of());
        user.put("web3_wallets", List.of());
        user.put("passkeys", List.of());
        user.put("password_enabled", true);
        user.put("two_factor_enabled", false);
        user.put("totp_enabled", false);
        user.put("backup_code_enabled", false);
        user.put("mfa_enabled_at", null);
        user.put("mfa_disabled_at", null);
        user.put("external_accounts", List.of());
        user.put("saml_accounts", List.of());
        user.put("enterprise_accounts", List.of());
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

    private Map<String, Object> emailAddress() {
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
}
