package app.clerkdub.clerk.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Opens {@link VerifiedTokenCache}'s package-level counters to tests in other packages. */
@ApplicationScoped
public class VerifiedTokenCacheProbe {
    private VerifiedTokenCache cache;
    private long maxSize;

    VerifiedTokenCacheProbe() {
    }

    @Inject
    VerifiedTokenCacheProbe(VerifiedTokenCache cache, TokenCacheConfig config) {
        this(cache, config.maxSize());
    }

    private VerifiedTokenCacheProbe(VerifiedTokenCache cache, long maxSize) {
        this.cache = cache;
        this.maxSize = maxSize;
    }

    /** A cache of its own, outside the application, with the service's 5 s leeway. */
    public static VerifiedTokenCacheProbe standalone(long maxSize) {
        return new VerifiedTokenCacheProbe(new VerifiedTokenCache(maxSize, 5, Optional.empty()), maxSize);
    }

    public long hits() {
        return cache.hits();
    }

    public long stored() {
        return cache.stored();
    }

    public long size() {
        return cache.size();
    }

    public long maxSize() {
        return maxSize;
    }

    public boolean enabled() {
        return cache.enabled();
    }

    /** Stores the token as if quarkus-oidc had just verified it (its signature is not checked here). */
    public void storeVerified(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            JwtClaims claims = JwtClaims.parse(payload);
            claims.setClaim(Claims.raw_token.name(), token);
            AccessTokenCredential credential = new AccessTokenCredential(token);
            cache.store(VerifiedTokenCache.digest(token), QuarkusSecurityIdentity.builder()
                    .setPrincipal(new OidcJwtCallerPrincipal(claims, credential))
                    .addCredential(credential)
                    .build());
        } catch (InvalidJwtException unreadable) {
            throw new IllegalArgumentException(unreadable);
        }
    }
}
