package app.clerkdub.clerk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The fields of Clerk's {@code User} that a lead needs, from the Backend API or from a {@code user.updated} event,
 * which carries the same object. The webhook reads it with the application's {@code ObjectMapper} outside the REST
 * layer: hence the annotation (covering {@link EmailAddress} too), for the native binary.
 */
@RegisterForReflection
public record ClerkUser(
        String id,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String username,
        @JsonProperty("image_url") String imageUrl,
        @JsonProperty("primary_email_address_id") String primaryEmailAddressId,
        @JsonProperty("email_addresses") List<EmailAddress> emailAddresses,
        @JsonProperty("public_metadata") Map<String, Object> publicMetadata,
        @JsonProperty("private_metadata") Map<String, Object> privateMetadata) {

    public record EmailAddress(String id, @JsonProperty("email_address") String emailAddress) {
    }

    /**
     * The key of the user's public metadata by which the app's backend says the user qualified, with
     * {@code true}: Clerk's {@code user.updated} carries it here.
     */
    public static final String QUALIFIED_KEY = "dubQualified";

    /**
     * The key of the user's private metadata that holds the fingerprint of what Dub was last sent about the user
     * (name, email, avatar): private, since no session token or browser needs it.
     */
    public static final String CUSTOMER_KEY = "dubCustomer";

    /** What the user's metadata records of their lead, when it records anything. */
    public Optional<ClickIdMetadata> dubClickId() {
        return ClickIdMetadata.read(publicMetadata);
    }

    /** Whether Dub holds a customer for the user: a lead was sent, or a deferred one is pending, for a click. */
    public boolean knownToDub() {
        return dubClickId().filter(ClickIdMetadata.Click.class::isInstance).isPresent();
    }

    /** The fingerprint of what Dub was last sent about the user, when one is recorded. */
    public Optional<String> customerFingerprint() {
        return privateMetadata != null && privateMetadata.get(CUSTOMER_KEY) instanceof String fingerprint
                && !fingerprint.isEmpty() ? Optional.of(fingerprint) : Optional.empty();
    }

    /** Where the user's deferred lead stands, when it is deferred. */
    public Optional<LeadState> dubLead() {
        return LeadState.read(publicMetadata);
    }

    /** Whether the app marked the user qualified ({@value #QUALIFIED_KEY} is {@code true}). */
    public boolean qualifiedByApp() {
        return qualifiedIn(publicMetadata);
    }

    /** Whether public metadata, from the Backend API or a webhook, marks the user qualified. */
    public static boolean qualifiedIn(Map<String, Object> publicMetadata) {
        return publicMetadata != null && Boolean.TRUE.equals(publicMetadata.get(QUALIFIED_KEY));
    }

    /** First and last name, else the username, else nothing. */
    public Optional<String> displayName() {
        String full = String.join(" ", nonBlank(firstName), nonBlank(lastName)).trim();
        if (!full.isEmpty()) {
            return Optional.of(full);
        }
        return Optional.ofNullable(username).filter(name -> !name.isBlank());
    }

    public Optional<String> primaryEmail() {
        if (primaryEmailAddressId == null || emailAddresses == null) {
            return Optional.empty();
        }
        return emailAddresses.stream()
                .filter(address -> primaryEmailAddressId.equals(address.id()))
                .map(EmailAddress::emailAddress)
                .filter(address -> address != null && !address.isBlank())
                .findFirst();
    }

    public Optional<String> avatar() {
        return Optional.ofNullable(imageUrl).filter(url -> !url.isBlank());
    }

    private static String nonBlank(String value) {
        return value == null ? "" : value.trim();
    }
}
