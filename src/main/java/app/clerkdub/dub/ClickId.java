package app.clerkdub.dub;

import java.util.regex.Pattern;

/**
 * What Dub's click ids are made of, wherever one arrives (the {@code dub_id} cookie, the endpoint's body, a
 * sign-up's unsafe metadata): anything else could not be one, and could be a header injection.
 */
public final class ClickId {
    /** As a constant expression, for {@code @Pattern} on the endpoint's body. */
    public static final String REGEX = "^[A-Za-z0-9_-]{1,128}$";
    /** The rule in words, for an error message that never repeats the input. */
    public static final String RULE = "must be 1 to 128 letters, digits, '_' or '-'";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private ClickId() {
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
