package app.clerkdub.fakes;

import java.util.Optional;

import app.clerkdub.dub.DubClient.Customer;
import app.clerkdub.sandbox.ClerkUser;

/** What the service sends Dub about a user of simulated Clerk, and the fingerprint it records of it. */
public final class Customers {
    private Customers() {
    }

    /** The customer a lead sends for the user: first and last name, else the username; primary email; image. */
    public static Customer of(ClerkUser user) {
        String full = String.join(" ", user.firstName() == null ? "" : user.firstName(),
                user.lastName() == null ? "" : user.lastName()).trim();
        return Customer.of(user.id(), Optional.of(full).filter(name -> !name.isEmpty()).or(() ->
                Optional.ofNullable(user.username())), Optional.ofNullable(user.email()), Optional.ofNullable(user.imageUrl()));
    }

    /** The {@code private_metadata} the service writes with the lead's mark: the fingerprint of what Dub holds. */
    public static String privateMetadata(ClerkUser user) {
        return "{\"dubCustomer\":\"" + of(user).fingerprint() + "\"}";
    }
}
