package app.clerkdub.platform.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EffectiveSettingsTest {

    @Test
    void secretsShowOnlyTheirKindAndLastFourCharacters() {
        assertEquals("sk_live_…wxyz", EffectiveSettings.mask("sk_live_abcdefghijklmnopqrstuvwxyz"));
        assertEquals("dub_…wxyz", EffectiveSettings.mask("dub_abcdefghijklmnopqrstuvwxyz"));
        assertEquals("…wxyz", EffectiveSettings.mask("ABCDEFGHIJKLMNOPQRSTUVWxyz0wxyz"));
        assertEquals("set", EffectiveSettings.mask("sk_test_fake"));
    }

    @Test
    void theLineNamesEverySettingThatDecidesWhatTheServiceDoes() {
        assertEquals("Effective settings: issuer=https://clerk.example.com, authorized parties=https://a.example "
                + "https://b.example, token keys=JWKS at https://clerk.example.com/.well-known/jwks.json, "
                + "Dub lead event='Sign Up', Dub lead mode=unset (Dub's default), dub_id cookie domain=derived from "
                + "Origin, CLERK_SECRET_KEY=sk_live_…wxyz, DUB_API_KEY=dub_…7890",
                EffectiveSettings.describe("https://clerk.example.com", List.of("https://a.example", "https://b.example"),
                        "JWKS at https://clerk.example.com/.well-known/jwks.json", "sk_live_abcdefghijklmnopqrstuvwxyz",
                        "Sign Up", Optional.empty(), Optional.empty(), "dub_abcdefghijk1234567890"));
        assertEquals("Effective settings: issuer=https://clerk.example.com, authorized parties=https://a.example, "
                + "token keys=PEM in CLERK_JWT_KEY (RSA 2048-bit, no network), Dub lead event='Signed up', "
                + "Dub lead mode=async, dub_id cookie domain=DUB_COOKIE_DOMAIN example.com, CLERK_SECRET_KEY=set, "
                + "DUB_API_KEY=set",
                EffectiveSettings.describe("https://clerk.example.com", List.of("https://a.example"),
                        "PEM in CLERK_JWT_KEY (RSA 2048-bit, no network)", "sk_test_fake", "Signed up",
                        Optional.of("async"), Optional.of("example.com"), "dub_fake"));
    }
}
