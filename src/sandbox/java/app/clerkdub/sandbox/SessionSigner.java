package app.clerkdub.sandbox;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * Signs Clerk-shaped v2 session tokens with an RSA key made at start (jose4j, which quarkus-oidc already
 * brings), and publishes its public half as the Frontend API's JWKS.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class SessionSigner {
    /** Clerk session tokens live 60 s; nbf allows 5 s of clock skew. */
    static final long LIFETIME_SECONDS = 60;
    static final long SKEW_SECONDS = 5;

    private final RsaJsonWebKey key;
    private final String issuer;

    SessionSigner(@ConfigProperty(name = "clerk.issuer") String issuer) throws JoseException {
        this.issuer = issuer;
        this.key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(SandboxIds.next("ins_sandbox_", 20));
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
    }

    /** {@code {"keys":[...]}} with the public key only. */
    public String jwks() {
        return new JsonWebKeySet(key).toJson(OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * @param azp the Origin of the page that asked, or null (Clerk then leaves the claim out)
     * @param publicMetadata carried in the {@code metadata} custom claim, as the Clerk + Dub guide configures it
     */
    public String sign(String userId, String sessionId, String azp, Map<String, Object> publicMetadata) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(userId);
        claims.setClaim("sid", sessionId);
        if (azp != null && !azp.isBlank()) {
            claims.setClaim("azp", azp);
        }
        claims.setClaim("iat", now);
        claims.setClaim("nbf", now - SKEW_SECONDS);
        claims.setClaim("exp", now + LIFETIME_SECONDS);
        claims.setClaim("v", 2);
        claims.setClaim("fva", List.of(0, -1));
        claims.setJwtId(SandboxIds.next("", 20));
        claims.setClaim("metadata", publicMetadata);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException impossible) {
            throw new IllegalStateException("the sandbox could not sign a session token", impossible);
        }
    }
}
