package app.clerkdub.platform.settings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The issuer in {@code CLERK_PUBLISHABLE_KEY}, as Clerk's SDKs read it: the key is {@code pk_test_} or
 * {@code pk_live_} and the base64 of the Frontend API host followed by {@code $}. A value that is not
 * such a key stops the start with one line that shows at most its prefix.
 */
final class PublishableKey {
    static final String VARIABLE = "CLERK_PUBLISHABLE_KEY";
    static final String PROPERTY = "clerk.publishable-key";
    private static final Pattern PREFIX = Pattern.compile("^([a-z]{2,3})_(live|test)_");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?");

    private PublishableKey() {
    }

    /** {@code https://} and the Frontend API host; a {@link ConfigurationException} naming the variable if none. */
    static String issuerOf(String pasted) {
        String key = PastedValue.unquote(pasted);
        Matcher prefix = PREFIX.matcher(key);
        if (!prefix.find()) {
            throw refused("", "does not start with pk_live_ or pk_test_: copy the publishable key from the API keys "
                    + "page of Clerk's dashboard");
        }
        String shown = prefix.group();
        if (!prefix.group(1).equals("pk")) {
            throw refused(shown, "is not a publishable key: " + ("sk".equals(prefix.group(1))
                    ? "it is a secret key, which belongs in CLERK_SECRET_KEY and must not be published"
                    : "it must start with pk_live_ or pk_test_"));
        }
        String host;
        try {
            host = new String(Base64.getDecoder().decode(key.substring(shown.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw refused(shown, "is damaged: what follows " + shown + " is not base64 (copied in part?)");
        }
        if (!host.endsWith("$")) {
            throw refused(shown, "is damaged: it does not decode to a host ending in '$' (copied in part?)");
        }
        host = host.substring(0, host.length() - 1);
        if (!HOST.matcher(host).matches()) {
            throw refused(shown, "is damaged: it does not decode to a Frontend API host name");
        }
        return "https://" + host;
    }

    private static ConfigurationException refused(String shownPrefix, String problem) {
        String which = shownPrefix.isEmpty() ? "" : "(" + shownPrefix + "…) ";
        return PastedValue.refused(VARIABLE, PROPERTY, which + problem);
    }
}
