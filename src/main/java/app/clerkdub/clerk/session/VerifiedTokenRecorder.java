package app.clerkdub.clerk.session;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Stores in {@link VerifiedTokenCache} the identity quarkus-oidc has just verified. Augmentors run on
 * every identity a provider answered; only a request that {@link CachedTokenIdentityProvider} marked
 * as a miss carries the digest to store under, so identities answered from the cache are not stored
 * again. It runs before any other augmentor, so that what is stored is quarkus-oidc's identity as it
 * was verified, and the other augmentors run again on each identity the cache rebuilds.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {
    private final VerifiedTokenCache cache;

    VerifiedTokenRecorder(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (attributes.get(VerifiedTokenCache.PENDING_DIGEST) instanceof VerifiedTokenCache.Digest digest) {
            cache.store(digest, identity);
        }
        return Uni.createFrom().item(identity);
    }
}
