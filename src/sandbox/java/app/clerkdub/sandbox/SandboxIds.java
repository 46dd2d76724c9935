package app.clerkdub.sandbox;

import java.security.SecureRandom;

/** Ids in the shapes Clerk and Dub use: a prefix and random base62 characters. */
final class SandboxIds {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxIds() {
    }

    static String next(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return id.toString();
    }
}
