package app.clerkdub.clerk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of Clerk's {@code User} that a lead needs. */
public record ClerkUser(
        String id,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String username,
        @JsonProperty("image_url") String imageUrl,
        @JsonProperty("primary_email_address_id") String primaryEmailAddressId,
        @JsonProperty("email_addresses") List<EmailAddress> emailAddresses,
        @JsonProperty("public_metadata") Map<String, Object> publicMetadata) {

    public record EmailAddress(String id, @JsonProperty("email_address") String emailAddress) {
    }

    /** What the user's metadata records of their lead, when it records anything. */
    public Optional<ClickIdMetadata> dubClickId() {
        return ClickIdMetadata.read(publicMetadata);
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
