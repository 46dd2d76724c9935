package app.clerkdub.fakes;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import jakarta.json.Json;
import io.smallrye.jwt.build.Jwt;

/**
 * Clerk-shaped session tokens (v2 claims) signed with a test RSA key, whose public half the fake
 * Frontend API serves as a JWKS.
 */
public final class SessionTokens {
    public static final String KID = "ins_test_key_1";
    public static final String USER_ID = "user_2abcDEFghiJKLmnoPQRstu";
    public static final String SESSION_ID = "sess_2abcDEFghiJKLmnoPQRstu";
    public static final String ALLOWED_ORIGIN = "https://app.example.com";

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private SessionTokens() {
    }

    public static KeyPair keys() {
        return KEYS;
    }

    public static KeyPair otherKeys() {
        return OTHER_KEYS;
    }

    /** A valid token for {@link #USER_ID} with no {@code dubClickId} in its metadata. */
    public static Builder session() {
        return new Builder();
    }

    public static String jwks() {
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        return "{\"keys\":[{\"use\":\"sig\",\"kty\":\"RSA\",\"kid\":\"" + KID + "\",\"alg\":\"RS256\",\"n\":\""
                + base64Url(key.getModulus().toByteArray()) + "\",\"e\":\""
                + base64Url(key.getPublicExponent().toByteArray()) + "\"}]}";
    }

    /** The PEM that Clerk's dashboard shows as "JWKS Public Key". */
    public static String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static String base64Url(byte[] bytes) {
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // BigInteger's sign byte is not part of the key
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static final class Builder {
        private final Map<String, Object> claims = new HashMap<>();
        private KeyPair keys = KEYS;
        private String kid = KID;

        Builder() {
            long now = Instant.now().getEpochSecond();
            claims.put("iss", Fakes.clerkFrontendUrl());
            claims.put("sub", USER_ID);
            claims.put("sid", SESSION_ID);
            claims.put("azp", ALLOWED_ORIGIN);
            claims.put("iat", now);
            claims.put("nbf", now - 5);
            claims.put("exp", now + 60);
            claims.put("v", 2);
            claims.put("fva", java.util.List.of(0, -1));
            claims.put("metadata", Map.of());
        }

        /** A null value writes the claim as JSON null. */
        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String name) {
            claims.remove(name);
            return this;
        }

        public Builder subject(String userId) {
            return claim("sub", userId);
        }

        /** The user's public metadata, as the {@code metadata} custom claim carries it. */
        public Builder metadata(Object metadata) {
            return claim("metadata", metadata);
        }

        public Builder signedBy(KeyPair other) {
            this.keys = other;
            return this;
        }

        public Builder keyId(String other) {
            this.kid = other;
            return this;
        }

        public String sign() {
            // Through a JSON object, so that a claim can be JSON null.
            return Jwt.claims(Json.createObjectBuilder(claims).build())
                    .jws().keyId(kid).algorithm(SignatureAlgorithm.RS256)
                    .sign(keys.getPrivate());
        }
    }
}
