package app.clerkdub.platform.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of the two secret keys, checked at start: {@code CLERK_SECRET_KEY} is {@code sk_test_} or
 * {@code sk_live_}, {@code DUB_API_KEY} is {@code dub_}. A key in the other's place, a publishable key, or
 * application.properties.example's placeholder ({@code sk_live_xxxx...}, and {@code whsec_xxxx...} for the webhook
 * signing secret) is refused by name. A refusal shows
 * at most the key's prefix.
 */
final class ApiKeys {
    static final String CLERK_PROPERTY = "clerk.secret-key";
    static final String DUB_PROPERTY = "dub.api-key";
    static final String WEBHOOK_PROPERTY = "clerk.webhook.signing-secret";
    private static final String WEBHOOK_PREFIX = "whsec_";
    private static final Pattern PREFIX = Pattern.compile("^([a-z]+)_((?:live|test)_)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("x+", Pattern.CASE_INSENSITIVE);

    private ApiKeys() {
    }

    static void checkClerk(String key) {
        Matcher prefix = PREFIX.matcher(key);
        boolean found = prefix.find();
        String kind = found ? prefix.group(1) : "";
        if (!kind.equals("sk") || prefix.group(2) == null) {
            throw refused(CLERK_PROPERTY, prefix(prefix, found), "does not start with sk_live_ or sk_test_"
                    + whatElse(kind, "DUB_API_KEY") + ": copy the secret key from the API keys page of Clerk's dashboard");
        }
        checkNotPlaceholder(CLERK_PROPERTY, prefix.group(), key);
    }

    static void checkDub(String key) {
        Matcher prefix = PREFIX.matcher(key);
        boolean found = prefix.find();
        String kind = found ? prefix.group(1) : "";
        if (!kind.equals("dub")) {
            throw refused(DUB_PROPERTY, prefix(prefix, found), "does not start with dub_"
                    + whatElse(kind, "CLERK_SECRET_KEY") + ": create an API key in Dub's workspace settings");
        }
        checkNotPlaceholder(DUB_PROPERTY, "dub_", key);
    }

    /** The webhook secret's shape is the webhook's own rule; its placeholder is refused as the keys' are. */
    static void checkWebhookSecret(String secret) {
        if (secret.startsWith(WEBHOOK_PREFIX)) {
            checkNotPlaceholder(WEBHOOK_PROPERTY, WEBHOOK_PREFIX, secret, "secret");
        }
    }

    private static void checkNotPlaceholder(String property, String shownPrefix, String key) {
        checkNotPlaceholder(property, shownPrefix, key, "key");
    }

    private static void checkNotPlaceholder(String property, String shownPrefix, String key, String what) {
        if (PLACEHOLDER.matcher(key.substring(shownPrefix.length())).matches()) {
            throw refused(property, shownPrefix, "is the placeholder of application.properties.example: "
                    + "replace it with your own " + what);
        }
    }

    /** What a key of another kind is, and where it belongs. */
    private static String whatElse(String kind, String otherVariable) {
        return switch (kind) {
            case "pk" -> " (it is Clerk's publishable key, which belongs in CLERK_PUBLISHABLE_KEY)";
            case "sk" -> " (it is Clerk's secret key, which belongs in " + otherVariable + ")";
            case "dub" -> " (it is a Dub API key, which belongs in " + otherVariable + ")";
            case "whsec" -> " (it is a webhook signing secret, which belongs in CLERK_WEBHOOK_SIGNING_SECRET)";
            default -> "";
        };
    }

    private static String prefix(Matcher prefix, boolean found) {
        return found ? prefix.group() : "";
    }

    private static io.quarkus.runtime.configuration.ConfigurationException refused(String property, String shownPrefix,
            String problem) {
        String which = shownPrefix.isEmpty() ? "" : "(" + shownPrefix + "…) ";
        return PastedValue.refused(PastedValue.variable(property), property, which + problem);
    }
}
