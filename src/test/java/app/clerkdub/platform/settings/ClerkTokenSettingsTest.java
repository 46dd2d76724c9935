package app.clerkdub.platform.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/** The publishable key, the issuer and the authorized parties: what is accepted, normalised, refused. */
class ClerkTokenSettingsTest {
    // base64("clerk.example.com$") and base64("happy-cat-12.clerk.accounts.dev$")
    static final String LIVE_KEY = "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k";
    static final String TEST_KEY = "pk_test_aGFwcHktY2F0LTEyLmNsZXJrLmFjY291bnRzLmRldiQ=";

    @Test
    void issuerIsTheFrontendApiHostInThePublishableKey() {
        assertEquals("https://clerk.example.com", PublishableKey.issuerOf(LIVE_KEY));
        assertEquals("https://happy-cat-12.clerk.accounts.dev", PublishableKey.issuerOf(TEST_KEY));
        assertEquals("https://clerk.example.com", PublishableKey.issuerOf(" \"" + LIVE_KEY + "\"\n"));
        assertEquals("https://clerk.example.com", PublishableKey.issuerOf("'" + LIVE_KEY + "'"));
    }

    @Test
    void aMalformedPublishableKeyIsRefusedByNameShowingAtMostItsPrefix() {
        String secret = "sk_live_4bCdEfGhIjKlMnOpQrStUvWx";
        String refusal = refusal(() -> PublishableKey.issuerOf(secret));
        assertEquals("CLERK_PUBLISHABLE_KEY (sk_live_…) is not a publishable key: it is a secret key, which belongs "
                + "in CLERK_SECRET_KEY and must not be published", refusal);
        assertFalse(refusal.contains("4bCdEf"), "the key itself is never shown");
        assertEquals("CLERK_PUBLISHABLE_KEY (pk_live_…) is damaged: what follows pk_live_ is not base64 (copied in part?)",
                refusal(() -> PublishableKey.issuerOf("pk_live_%%%")));
        assertEquals("CLERK_PUBLISHABLE_KEY (pk_live_…) is damaged: it does not decode to a host ending in '$' "
                + "(copied in part?)", refusal(() -> PublishableKey.issuerOf("pk_live_Y2xlcmsuZXhhbXBsZS5jb20=")));
        assertTrue(refusal(() -> PublishableKey.issuerOf("Y2xlcmsuZXhhbXBsZS5jb20k"))
                .startsWith("CLERK_PUBLISHABLE_KEY does not start with pk_live_ or pk_test_"));
    }

    @Test
    void authorizedPartiesAreTrimmedAndNormalisedToOrigins() {
        assertEquals(List.of("https://a.example", "https://b.example"),
                Origins.authorizedParties("https://a.example, https://b.example"));
        assertEquals(List.of("https://app.example.com", "http://localhost:3000", "https://b.example"),
                Origins.authorizedParties("\" HTTPS://App.Example.com/ ,http://localhost:3000,,https://b.example:443,"
                        + "https://app.example.com\""));
    }

    @Test
    void anAuthorizedPartyThatIsNoOriginIsRefusedByName() {
        assertEquals("CLERK_AUTHORIZED_PARTIES entry 'https://app.example.com/login' is not an origin: it has a path; "
                + "write it as https://app.example.com",
                refusal(() -> Origins.authorizedParties("https://a.example, https://app.example.com/login")));
        assertEquals("CLERK_AUTHORIZED_PARTIES entry 'app.example.com' has no scheme: write it as https://app.example.com",
                refusal(() -> Origins.authorizedParties("app.example.com")));
        assertEquals("CLERK_AUTHORIZED_PARTIES entry '*' is a wildcard: list each origin of your front end",
                refusal(() -> Origins.authorizedParties("*")));
        assertEquals("CLERK_AUTHORIZED_PARTIES lists no origin: give the origins of your front end, comma-separated, "
                + "like https://app.example.com", refusal(() -> Origins.authorizedParties(" , ")));
        assertEquals("CLERK_AUTHORIZED_PARTIES entry 'ftp://a.example' is not an http(s) URL",
                refusal(() -> Origins.authorizedParties("ftp://a.example")));
    }

    @Test
    void theIssuerLosesItsTrailingSlash() {
        assertEquals("https://x.clerk.accounts.dev", Origins.issuer("https://x.clerk.accounts.dev/"));
        assertEquals("https://clerk.example.com", Origins.issuer("'https://Clerk.Example.com'"));
        assertEquals("http://localhost:8080/_sandbox/clerk", Origins.issuer("http://localhost:8080/_sandbox/clerk/"));
        assertEquals("CLERK_ISSUER 'clerk.example.com/' has no scheme: write it as https://clerk.example.com",
                refusal(() -> Origins.issuer("clerk.example.com/")));
        assertEquals("CLERK_ISSUER 'https://clerk.example.com?x=1' has a query or fragment (? or #)",
                refusal(() -> Origins.issuer("https://clerk.example.com?x=1")));
    }

    static String refusal(Supplier<?> check) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, check::get);
        // Quarkus prints a ConfigurationException that is the root cause as its message alone, on stderr, at once.
        assertNull(refused.getCause(), "no cause, so it is the root cause");
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
        return refused.getMessage();
    }
}
