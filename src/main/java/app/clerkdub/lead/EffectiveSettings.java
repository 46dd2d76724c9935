package app.clerkdub.lead;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.platform.settings.PemKey;
import app.clerkdub.dub.DubConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * One INFO line at start with the settings in effect, after defaults, derivations and normalisation:
 * what an operator checks first when tokens are refused or leads go missing. Secrets are masked to
 * their prefix and last four characters.
 */
@ApplicationScoped
public class EffectiveSettings {
    private static final Logger LOG = Logger.getLogger(EffectiveSettings.class);
    /** A key's kind ({@code sk_live_}, {@code dub_}), which is no secret. */
    private static final Pattern KEY_PREFIX = Pattern.compile("^[a-z]{2,8}_(?:(?:live|test)_)?");
    private static final int SHORTEST_MASKED = 16;

    private final ClerkConfig clerk;
    private final DubConfig dub;
    private final Qualifiers qualifiers;
    private final CustomerSyncSetting customerSync;
    private final Optional<String> authServerUrl;
    private final String jwksPath;

    EffectiveSettings(ClerkConfig clerk, DubConfig dub, Qualifiers qualifiers, CustomerSyncSetting customerSync,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.jwks-path", defaultValue = ".well-known/jwks.json") String jwksPath) {
        this.clerk = clerk;
        this.dub = dub;
        this.qualifiers = qualifiers;
        this.customerSync = customerSync;
        this.authServerUrl = authServerUrl;
        this.jwksPath = jwksPath;
    }

    void log(@Observes StartupEvent start) {
        LOG.info(line());
    }

    String line() {
        return describe(clerk.issuer(), clerk.authorizedParties(), tokenKeys(), clerk.secretKey(),
                dub.leadEventName(), dub.leadMode().map(this::leadMode),
                dub.cookieDomain(), dub.apiKey()) + ", Dub customer sync=" + customerSync.describe();
    }

    /** Deferred mode with what completes it: the qualified lead's name and what qualifies. */
    private String leadMode(DubConfig.LeadMode mode) {
        String name = mode.name().toLowerCase(java.util.Locale.ROOT);
        return qualifiers.deferred() ? name + " (qualified lead event '" + dub.qualifiedLeadEventName()
                + "' on " + qualifiers.describe() + ")" : name;
    }

    private String tokenKeys() {
        if (clerk.jwtKey().isPresent()) {
            return "PEM in CLERK_JWT_KEY (RSA " + PemKey.parse(clerk.jwtKey().get()).getModulus().bitLength()
                    + "-bit, no network)";
        }
        return authServerUrl.map(server -> "JWKS at " + URI.create(server.endsWith("/") ? server : server + "/")
                .resolve(jwksPath)).orElse("none");
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
