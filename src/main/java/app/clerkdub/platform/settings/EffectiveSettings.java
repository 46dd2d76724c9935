package app.clerkdub.platform.settings;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * One INFO line at start with the settings in effect, after defaults, derivations and normalisation:
 * what an operator checks first when tokens are refused or leads go missing. Secrets are masked to
 * their prefix and last four characters. It reads the configuration by property name, as the operator
 * sets it, so that it depends on no area's mapping.
 */
@ApplicationScoped
public class EffectiveSettings {
    private static final Logger LOG = Logger.getLogger(EffectiveSettings.class);
    /** A key's kind ({@code sk_live_}, {@code dub_}), which is no secret. */
    private static final Pattern KEY_PREFIX = Pattern.compile("^[a-z]{2,8}_(?:(?:live|test)_)?");
    private static final int SHORTEST_MASKED = 16;

    private final Config config;

    EffectiveSettings(Config config) {
        this.config = config;
    }

    void log(@Observes StartupEvent start) {
        LOG.info(line());
    }

    String line() {
        return describe(text("clerk.issuer").orElse(""), config.getValues("clerk.authorized-parties", String.class),
                tokenKeys(), text("clerk.secret-key").orElse(""), text("dub.lead-event-name").orElse(""),
                text("dub.lead-mode").map(this::leadMode), text("dub.cookie-domain"), text("dub.api-key").orElse(""))
                + ", Dub customer sync=" + words("dub.customer-sync").orElse("off");
    }

    /** Deferred mode with what completes it: the qualified lead's name and what qualifies. */
    private String leadMode(String mode) {
        String name = mode.toLowerCase(Locale.ROOT);
        return name.equals("deferred") ? name + " (qualified lead event '" + text("dub.qualified-lead-event-name")
                .orElse("") + "' on " + words("dub.qualify-on").orElse("") + ")" : name;
    }

    private String tokenKeys() {
        Optional<String> pem = text("clerk.jwt-key");
        if (pem.isPresent()) {
            return "PEM in CLERK_JWT_KEY (RSA " + PemKey.parse(pem.get()).getModulus().bitLength() + "-bit, no network)";
        }
        String jwksPath = text("quarkus.oidc.jwks-path").orElse(".well-known/jwks.json");
        return text("quarkus.oidc.auth-server-url").map(server -> "JWKS at " + URI.create(server.endsWith("/") ? server
                : server + "/").resolve(jwksPath)).orElse("none");
    }

    private Optional<String> text(String property) {
        return config.getOptionalValue(property, String.class).filter(value -> !value.isBlank());
    }

    /**
     * A list of words as the service reads them: trimmed, lower case; none when it lists nothing. The mappings'
     * defaults are the configuration's, so an unset list reads as its default and an empty one as nothing.
     */
    private Optional<String> words(String property) {
        List<String> words = config.getOptionalValues(property, String.class).orElse(List.of()).stream()
                .map(word -> word.strip().toLowerCase(Locale.ROOT)).filter(word -> !word.isEmpty()).distinct().toList();
        return words.isEmpty() ? Optional.empty() : Optional.of(String.join(",", words));
    }

    static String describe(String issuer, List<String> authorizedParties, String tokenKeys, String clerkSecretKey,
            String leadEventName, Optional<String> leadMode, Optional<String> cookieDomain, String dubApiKey) {
        return "Effective settings: issuer=" + issuer
                + ", authorized parties=" + String.join(" ", authorizedParties)
                + ", token keys=" + tokenKeys
                + ", Dub lead event='" + leadEventName + "'"
                + ", Dub lead mode=" + leadMode.orElse("unset (Dub's default)")
                + ", dub_id cookie domain=" + cookieDomain.map(domain -> "DUB_COOKIE_DOMAIN " + domain)
                        .orElse("derived from Origin")
                + ", CLERK_SECRET_KEY=" + mask(clerkSecretKey)
                + ", DUB_API_KEY=" + mask(dubApiKey);
    }

    /** {@code sk_live_…abcd}: the key's kind and its last four characters; just "set" for a short one. */
    static String mask(String secret) {
        if (secret.length() < SHORTEST_MASKED) {
            return "set";
        }
        Matcher prefix = KEY_PREFIX.matcher(secret);
        return (prefix.find() ? prefix.group() : "") + "…" + secret.substring(secret.length() - 4);
    }
}
