package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user in the Backend API's {@code User} shape, with every field the spec requires, in its order: the one
 * way the sandbox and the tests' WireMock fake of Clerk write a user.
 */
public final class ClerkUserJson {
    private ClerkUserJson() {
    }

    /** The parts that differ between users; the rest is what a password sign-up gets. */
    public record Parts(String id, String username, String firstName, String lastName, String email,
            String imageUrl, Map<String, Object> publicMetadata, Map<String, Object> privateMetadata,
            Map<String, Object> unsafeMetadata, long createdAt, long updatedAt) {
    }

    public static Map<String, Object> of(Parts parts) {
        String emailId = "idn_" + parts.id().substring(Math.min(5, parts.id().length()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", parts.id());
        user.put("object", "user");
        user.put("external_id", null);
        user.put("primary_email_address_id", parts.email() == null ? null : emailId);
        user.put("primary_phone_number_id", null);
        user.put("primary_web3_wallet_id", null);
        user.put("username", parts.username());
        user.put("first_name", parts.firstName());
        user.put("last_name", parts.lastName());
        user.put("image_url", parts.imageUrl());
        user.put("has_image", parts.imageUrl() != null);
        user.put("public_metadata", parts.publicMetadata());
        user.put("private_metadata", parts.privateMetadata());
        user.put("unsafe_metadata", parts.unsafeMetadata());
        user.put("email_addresses", parts.email() == null ? List.of() : List.of(emailAddress(emailId, parts)));
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
        user.put("last_sign_in_at", parts.createdAt());
        user.put("banned", false);
        user.put("locked", false);
        user.put("lockout_expires_in_seconds", null);
        user.put("verification_attempts_remaining", 100);
        user.put("created_at", parts.createdAt());
        user.put("updated_at", parts.updatedAt());
        user.put("delete_self_enabled", true);
        user.put("create_organization_enabled", true);
        user.put("last_active_at", parts.updatedAt());
        user.put("legal_accepted_at", null);
        return user;
    }

    private static Map<String, Object> emailAddress(String emailId, Parts parts) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("id", emailId);
        address.put("object", "email_address");
        address.put("email_address", parts.email());
        address.put("reserved", false);
        address.put("verification", Map.of("object", "verification_otp", "status", "verified",
                "strategy", "email_code", "attempts", 1, "expire_at", parts.createdAt()));
        address.put("linked_to", List.of());
        address.put("created_at", parts.createdAt());
        address.put("updated_at", parts.createdAt());
        return address;
    }
}
