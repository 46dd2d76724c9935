package app.clerkdub.sandbox;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Clerk's session tokens: v2 claims signed RS256 with an RSA key (jose4j, which quarkus-oidc already brings),
 * whose public half the Frontend API publishes as its JWKS and Clerk's dashboard shows as a PEM. The one
 * signer of simulated Clerk, in dev mode and in the tests alike.
 */
public final class SessionSigner {
    /** Clerk session tokens live 60 s; nbf allows 5 s of clock skew. */
    public static final long LIFETIME_SECONDS = 60;
    public static final long SKEW_SECONDS = 5;

    private final KeyPair keys;
    private final String keyId;

    /** A signer with a new 2048-bit key. */
    public SessionSigner(String keyId) {
        this(newKeys(), keyId);
    }

    public SessionSigner(KeyPair keys, String keyId) {
        this.keys = keys;
        this.keyId = keyId;
    }

    public KeyPair keys() {
        return keys;
    }

    /** {@code {"keys":[...]}} with the public key only. */
    public String jwks() {
        RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        key.setKeyId(keyId);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        return new JsonWebKeySet(key).toJson(OutputControlLevel.PUBLIC_ONLY);
    }

    /** The PEM that Clerk's dashboard shows as "JWKS Public Key". */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Clerk's v2 claims of a session token issued now, in a map that a caller may still change.
     *
     * @param azp the Origin of the page that asked, or null (Clerk then leaves the claim out)
     * @param metadata the user's public metadata, carried in the {@code metadata} custom claim as the Clerk + Dub
     *        guide configures it
     */
    public static Map<String, Object> claims(String issuer, String userId, String sessionId, String azp,
            Object metadata) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", userId);
        claims.put("sid", sessionId);
        if (azp != null && !azp.isBlank()) {
            claims.put("azp", azp);
        }
        claims.put("iat", now);
        claims.put("nbf", now - SKEW_SECONDS);
        claims.put("exp", now + LIFETIME_SECONDS);
        claims.put("v", 2);
        claims.put("fva", List.of(0, -1));
        claims.put("jti", SandboxIds.next("", 20));
        claims.put("metadata", metadata);
        return claims;
    }

    /** The compact token of these claims; a null value is written as JSON null. */
    public String sign(Map<String, Object> claims) {
        return sign(claims, keys.getPrivate(), keyId);
    }

    /** Signed with any key under any key id: what a forger, or a key Clerk has rotated away, would sign. */
    public static String sign(Map<String, Object> claims, PrivateKey key, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException impossible) {
            throw new IllegalStateException("could not sign a session token", impossible);
        }
    }

    /** Refused on an event loop, which a 2048-bit key generation would block (Vert.x warns past 2 s). */
    private static KeyPair newKeys() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("RSA keys are generated at start or on a worker thread, never on an event loop");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
