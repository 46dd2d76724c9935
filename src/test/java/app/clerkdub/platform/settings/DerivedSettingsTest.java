package app.clerkdub.platform.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What the settings derive, and how the issuer and the authorized parties read: whichever source sets a
 * value wins as it would without this service's rules (a system property over a variable over a file), and
 * every reader, the framework's settings that refer to them included, gets the normalised form.
 */
class DerivedSettingsTest {
    /** As application.properties writes them. */
    static final Map<String, String> FILE = Map.of(
            "clerk.authorized-parties", "${CLERK_AUTHORIZED_PARTIES}",
            "quarkus.oidc.token.issuer", "${clerk.issuer}",
            "quarkus.http.cors.origins", "${clerk.authorized-parties}");

    @Test
    void theIssuerAndThePartiesReadNormalisedByEveryReaderWhereverTheyAreSet() {
        SmallRyeConfig config = config(Map.of(
                "CLERK_AUTHORIZED_PARTIES", "\" HTTPS://App.Example.com/ ,http://localhost:3000,https://b.example:443\"",
                "CLERK_ISSUER", "https://env.clerk.accounts.dev/"), Map.of("clerk.issuer", "'https://Sys.Clerk.Accounts.Dev/'"));
        assertEquals("https://sys.clerk.accounts.dev", config.getValue("clerk.issuer", String.class),
                "the system property wins, normalised");
        assertEquals("https://sys.clerk.accounts.dev", config.getValue("quarkus.oidc.token.issuer", String.class));
        List<String> origins = List.of("https://app.example.com", "http://localhost:3000", "https://b.example");
        assertEquals(origins, config.getValues("clerk.authorized-parties", String.class));
        assertEquals(origins, config.getValues("quarkus.http.cors.origins", String.class));
    }

    @Test
    void withoutAPemTheKeysAreFetchedFromTheIssuer() {
        SmallRyeConfig config = config(Map.of("CLERK_ISSUER", "https://x.clerk.accounts.dev/"), Map.of());
        assertEquals("https://x.clerk.accounts.dev", config.getValue("quarkus.oidc.auth-server-url", String.class));
        assertFalse(config.getOptionalValue("quarkus.oidc.public-key", String.class).isPresent());
    }

    @Test
    void withAPemTheKeyIsTheOneAndNoServerIsNamed() {
        SmallRyeConfig config = config(Map.of("CLERK_ISSUER", "https://x.clerk.accounts.dev",
                "CLERK_JWT_KEY", "\"" + PemKeyFormsTest.PEM.replace("\n", "\\n") + "\""), Map.of());
        assertEquals(PemKeyFormsTest.BODY, config.getValue("quarkus.oidc.public-key", String.class));
        assertFalse(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent());
    }

    @Test
    void theIssuerComesFromThePublishableKeyUnlessOneIsSet() {
        assertEquals("https://clerk.example.com", config(Map.of("CLERK_PUBLISHABLE_KEY",
                ClerkTokenSettingsTest.LIVE_KEY), Map.of()).getValue("clerk.issuer", String.class));
        assertEquals("https://own.example.com", config(Map.of("CLERK_PUBLISHABLE_KEY", ClerkTokenSettingsTest.LIVE_KEY,
                "CLERK_ISSUER", "https://own.example.com/"), Map.of()).getValue("clerk.issuer", String.class));
    }

    @Test
    void whatIsDerivedIsBelowEverythingSetExplicitlyAndNothingIsAboveSystemProperties() {
        SmallRyeConfig config = config(Map.of("CLERK_ISSUER", "https://x.clerk.accounts.dev",
                "QUARKUS_OIDC_AUTH_SERVER_URL", "https://elsewhere.example.com"), Map.of());
        assertEquals("https://elsewhere.example.com", config.getValue("quarkus.oidc.auth-server-url", String.class));
        for (ConfigSource source : config.getConfigSources()) {
            assertTrue(source.getOrdinal() <= 400, source.getName() + " at " + source.getOrdinal());
        }
    }

    /** The service's rules over a file (250), variables (300) and system properties (400). */
    static SmallRyeConfig config(Map<String, String> variables, Map<String, String> systemProperties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withInterceptors(new PastedValues())
                .withSources(new PropertiesConfigSource(FILE, "file", 250),
                        new EnvConfigSource(variables, 300),
                        new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withSources(new ClerkTokenSettings())
                .build();
    }
}
