package app.clerkdub.dub;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer fields of a lead, trimmed to what Dub accepts: a field Dub would refuse is cut or
 * left out, so that a lead never fails on it.
 */
public record Customer(String externalId, String name, String email, String avatar) {
    /** {@code customerName} and {@code customerEmail} are limited to 100 characters (UTF-16 units, as zod counts). */
    static final int MAX_LENGTH = 100;

    /** The {@code customerEmail} pattern of Dub's spec, which is also what its server's zod check accepts. */
    static final Pattern EMAIL = Pattern.compile(
            "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$");

    public static Customer of(String externalId, Optional<String> name, Optional<String> email,
            Optional<String> avatar) {
        return new Customer(externalId,
                name.map(Customer::cut).orElse(null),
                email.filter(Customer::acceptableEmail).orElse(null),
                avatar.orElse(null));
    }

    static boolean acceptableEmail(String email) {
        return email.length() <= MAX_LENGTH && EMAIL.matcher(email).matches();
    }

    static String cut(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end);
    }
}
