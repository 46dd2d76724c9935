package app.clerkdub.sandbox;

/** The {@code customer} of a lead answer, and what the sandbox keeps per customer. */
public record DubCustomer(String name, String email, String avatar, String externalId) {
}
