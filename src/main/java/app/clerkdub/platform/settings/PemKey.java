package app.clerkdub.platform.settings;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The RSA public key in {@code CLERK_JWT_KEY}, in every form it gets pasted: Clerk's multi-line PEM, the
 * same on one line with {@code \n} escapes, in quotes, or its bare base64 body. Anything else stops the
 * start with one line saying what the value is instead (never the value itself).
 */
public final class PemKey {
    static final String VARIABLE = "CLERK_JWT_KEY";
    static final String PROPERTY = "clerk.jwt-key";
    /** RS256 with a shorter key is refused by the token checks, token after token. */
    static final int MIN_BITS = 2048;
    private static final String WANTED = "; it must be the \"JWKS Public Key\" PEM from the API keys page of Clerk's dashboard";
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemKey() {
    }

    /** The key, checked; a {@link ConfigurationException} naming {@code CLERK_JWT_KEY} if it is not one. */
    public static RSAPublicKey parse(String pasted) {
        byte[] der = der(body(PastedValue.unquote(pasted).replace("\\r", "").replace("\\n", "\n")));
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException notRsaPublic) {
            throw refused(whatElse(der));
        }
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw refused("is a " + key.getModulus().bitLength() + "-bit RSA key; RS256 needs at least " + MIN_BITS
                    + " bits");
        }
        return key;
    }

    /** The base64 of the key's SubjectPublicKeyInfo, as {@code quarkus.oidc.public-key} takes it. */
    public static String base64(RSAPublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static String body(String text) {
        Matcher begin = BEGIN.matcher(text);
        if (!begin.find()) {
            if (text.contains("-----")) {
                throw refused("has a damaged PEM armour line (expected -----BEGIN PUBLIC KEY-----)");
            }
            return text;
        }
        String label = begin.group(1);
        if (label.contains("PRIVATE")) {
            throw refused("is a private key (" + label + "): never give the service a private key");
        }
        if (label.equals("CERTIFICATE")) {
            throw refused("is a certificate, not a public key");
        }
        if (label.equals("RSA PUBLIC KEY")) {
            throw refused("is a PKCS#1 RSA PUBLIC KEY, not the SubjectPublicKeyInfo PUBLIC KEY Clerk shows");
        }
        if (!label.equals("PUBLIC KEY")) {
            throw refused("is a PEM " + label + ", not a PUBLIC KEY");
        }
        int end = text.indexOf("-----END PUBLIC KEY-----", begin.end());
        if (end < 0) {
            throw refused("has no -----END PUBLIC KEY----- line: it was cut short when pasted");
        }
        return text.substring(begin.end(), end);
    }

    private static byte[] der(String body) {
        String base64 = body.replaceAll("\\s", "");
        if (base64.isEmpty()) {
            throw refused("holds no key");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw refused("is neither a PEM nor base64 (or was cut short when pasted)");
        }
    }

    /** What the bytes are, when they are not an RSA public key. */
    private static String whatElse(byte[] der) {
        if (parses("RSA", new PKCS8EncodedKeySpec(der), false) || parses("EC", new PKCS8EncodedKeySpec(der), false)) {
            return "is a private key: never give the service a private key";
        }
        for (String algorithm : new String[] { "EC", "EdDSA" }) {
            if (parses(algorithm, new X509EncodedKeySpec(der), true)) {
                return "is an " + algorithm + " public key, and Clerk signs session tokens with RSA (RS256)";
            }
        }
        return "is not a complete public key: it was cut short or damaged when pasted";
    }

    private static boolean parses(String algorithm, KeySpec spec, boolean publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            if (publicKey) {
                factory.generatePublic(spec);
            } else {
                factory.generatePrivate(spec);
            }
            return true;
        } catch (GeneralSecurityException notThisKind) {
            return false;
        }
    }

    private static ConfigurationException refused(String problem) {
        return PastedValue.refused(VARIABLE, PROPERTY, problem + WANTED);
    }
}
