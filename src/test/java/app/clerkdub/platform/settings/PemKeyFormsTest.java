package app.clerkdub.platform.settings;

import static app.clerkdub.platform.settings.ClerkTokenSettingsTest.refusal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** {@code CLERK_JWT_KEY}: every form of the right key is accepted, and each wrong value is refused by name. */
class PemKeyFormsTest {
    static final KeyPair RSA = generate("RSA", 2048);
    static final String BODY = Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded());
    static final String PEM = pem("PUBLIC KEY", RSA.getPublic().getEncoded());

    @Test
    void everyFormOfTheKeyPeoplePasteIsAccepted() {
        String[] forms = {
            PEM, // multi-line, as Clerk's dashboard shows it
            PEM.replace("\r\n", "\\n").replace("\n", "\\n"), // one line, \n escapes
            PEM.replace("\n", "\\r\\n"), // one line, \r\n escapes
            "\"" + PEM.replace("\n", "\\n") + "\"", // in double quotes (docker --env-file, .env)
            "'" + PEM + "'", // in single quotes
            BODY, // bare base64, no armour
            "  " + Base64.getMimeEncoder().encodeToString(RSA.getPublic().getEncoded()) + "\n", // bare, wrapped
            "\"" + BODY + "\"",
        };
        for (String form : forms) {
            assertArrayEquals(RSA.getPublic().getEncoded(), PemKey.parse(form).getEncoded(), form);
            assertEquals(BODY, PemKey.base64(PemKey.parse(form)));
        }
    }

    @Test
    void somethingThatIsNotAPemIsRefusedByName() {
        assertRefused("not a key at all!", "is neither a PEM nor base64 (or was cut short when pasted)");
        assertRefused("", "holds no key");
    }

    @Test
    void aTruncatedKeyIsRefusedByName() {
        assertRefused(PEM.substring(0, PEM.length() / 2), "has no -----END PUBLIC KEY----- line: it was cut short when pasted");
        assertRefused(BODY.substring(0, 200), "is not a complete public key: it was cut short or damaged when pasted");
        assertRefused(PEM.replace("-----BEGIN PUBLIC KEY-----", "----BEGIN PUBLIC KEY-----"),
                "has a damaged PEM armour line (expected -----BEGIN PUBLIC KEY-----)");
    }

    @Test
    void aKeyOfTheWrongKindIsRefusedByName() {
        assertRefused(pem("PUBLIC KEY", generate("EC", 256).getPublic().getEncoded()),
                "is an EC public key, and Clerk signs session tokens with RSA (RS256)");
        assertRefused(pem("PRIVATE KEY", RSA.getPrivate().getEncoded()),
                "is a private key (PRIVATE KEY): never give the service a private key");
        assertRefused(Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded()),
                "is a private key: never give the service a private key");
        assertRefused(pem("RSA PRIVATE KEY", new byte[] { 1, 2, 3 }),
                "is a private key (RSA PRIVATE KEY): never give the service a private key");
        assertRefused(pem("CERTIFICATE", new byte[] { 1, 2, 3 }), "is a certificate, not a public key");
        assertRefused(pem("PUBLIC KEY", generate("RSA", 1024).getPublic().getEncoded()),
                "is a 1024-bit RSA key; RS256 needs at least 2048 bits");
    }

    private static void assertRefused(String pasted, String problem) {
        String message = refusal(() -> PemKey.parse(pasted));
        assertEquals("CLERK_JWT_KEY " + problem + "; it must be the \"JWKS Public Key\" PEM from the API keys page "
                + "of Clerk's dashboard", message);
        assertFalse(message.contains(BODY.substring(40, 60)), "the key is never shown");
        assertTrue(message.startsWith("CLERK_JWT_KEY "));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
