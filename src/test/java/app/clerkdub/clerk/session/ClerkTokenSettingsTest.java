package app.clerkdub.clerk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClerkTokenSettingsTest {

    @Test
    void issuerIsTheFrontendApiHostInThePublishableKey() {
        // base64("clerk.example.com$") and base64("happy-cat-12.clerk.accounts.dev$")
        assertEquals(Optional.of("https://clerk.example.com"),
                ClerkTokenSettings.issuerOf("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"));
        assertEquals(Optional.of("https://happy-cat-12.clerk.accounts.dev"),
                ClerkTokenSettings.issuerOf("pk_test_aGFwcHktY2F0LTEyLmNsZXJrLmFjY291bnRzLmRldiQ="));
    }

    @Test
    void somethingElseIsNoIssuer() {
        assertEquals(Optional.empty(), ClerkTokenSettings.issuerOf("sk_live_abc"));
        assertEquals(Optional.empty(), ClerkTokenSettings.issuerOf("pk_live_%%%"));
        assertEquals(Optional.empty(), ClerkTokenSettings.issuerOf("pk_live_Y2xlcmsuZXhhbXBsZS5jb20=")); // no '$'
    }

    @Test
    void pemArmourAndLineBreaksAreStripped() {
        String pem = "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\nBgkqhkiG\n-----END PUBLIC KEY-----\n";
        assertEquals("MIIBIjANBgkqhkiG", ClerkTokenSettings.pemBody(pem));
        assertEquals("MIIBIjANBgkqhkiG", ClerkTokenSettings.pemBody(pem.replace("\n", "\\n")));
    }
}
