package app.clerkdub.dub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * A short digest of what Dub is sent about the customer (name, email, avatar), kept on the user to tell later
     * whether Dub already holds the user's current values, without keeping the values themselves. 64 bits: a
     * change that collides with the value before it is one in 2^64.
     */
    public String fingerprint() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
        // A field absent and a field empty differ ('-' and '+'), so that no two customers read the same.
        for (String field : new String[] { name, email, avatar }) {
            sha256.update((field == null ? "-" : "+" + field + "\u0000").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
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
