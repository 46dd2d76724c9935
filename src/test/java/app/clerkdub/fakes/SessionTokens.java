package app.clerkdub.fakes;

import java.security.KeyPair;
import java.util.Map;

import app.clerkdub.sandbox.SessionSigner;

/**
 * Clerk-shaped session tokens for the tests, signed by simulated Clerk's {@link SessionSigner} with a test
 * key, whose public half the fake Frontend API serves as a JWKS.
 */
public final class SessionTokens {
    public static final String KID = "ins_test_key_1";
    public static final String USER_ID = "user_2abcDEFghiJKLmnoPQRstu";
    public static final String SESSION_ID = "sess_2abcDEFghiJKLmnoPQRstu";
    public static final String ALLOWED_ORIGIN = "https://app.example.com";

    private static final SessionSigner SIGNER = new SessionSigner(KID);
    private static final SessionSigner OTHER = new SessionSigner(KID);

    private SessionTokens() {
    }

    public static KeyPair keys() {
        return SIGNER.keys();
    }

    public static KeyPair otherKeys() {
        return OTHER.keys();
    }

    /** A valid token for {@link #USER_ID} with no {@code dubClickId} in its metadata. */
    public static Builder session() {
        return new Builder();
    }

    public static String jwks() {
        return SIGNER.jwks();
    }

    /** The PEM that Clerk's dashboard shows as "JWKS Public Key". */
    public static String publicKeyPem() {
        return SIGNER.publicKeyPem();
    }

    public static final class Builder {
        private final Map<String, Object> claims = SessionSigner.claims(Fakes.clerkFrontendUrl(), USER_ID, SESSION_ID,
                ALLOWED_ORIGIN, Map.of());
        private KeyPair keys = SIGNER.keys();
        private String kid = KID;

        Builder() {
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
            return SessionSigner.sign(claims, keys.getPrivate(), kid);
        }
    }
}
