package app.clerkdub.clerk.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Answers a bearer token from {@link VerifiedTokenCache} before quarkus-oidc's own provider runs.
 * <p>
 * The identity provider manager asks the providers of a request type in descending priority and moves
 * to the next one when a provider answers a null item; quarkus-oidc's has the default priority
 * ({@code SYSTEM_FIRST + 1}). So a hit ends authentication here, and a miss (a null item) leaves the
 * token to quarkus-oidc, after marking the request with the token's digest for
 * {@link VerifiedTokenRecorder}. Either way the augmentors run on the identity afterwards.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    /** Ahead of quarkus-oidc's provider. */
    static final int PRIORITY = SYSTEM_FIRST + 100;
    private static final Uni<SecurityIdentity> VERIFY = Uni.createFrom().nullItem();

    private final VerifiedTokenCache cache;

    CachedTokenIdentityProvider(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // Only bearer access tokens: an ID token of a code flow carries state this cache does not keep.
        if (!cache.enabled() || request.getToken().getClass() != AccessTokenCredential.class
                || request.getToken().getToken() == null) {
            return VERIFY;
        }
        AccessTokenCredential credential = (AccessTokenCredential) request.getToken();
        VerifiedTokenCache.Digest digest = VerifiedTokenCache.digest(credential.getToken());
        return cache.find(digest, credential, request.getAttributes(), context)
                .map(identity -> Uni.createFrom().item(identity))
                .orElseGet(() -> {
                    request.setAttribute(VerifiedTokenCache.PENDING_DIGEST, digest);
                    return VERIFY;
                });
    }
}
