package app.clerkdub.clerk.session;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.ClientProxy;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;

/**
 * Reads a claim of a verified session token by name, as {@link JsonWebToken#getClaim(String)} would.
 * That method first looks the name up among the standard claims with {@code Claims.valueOf}, which
 * throws, fills in a stack trace and catches it for every custom name such as {@code sts} or
 * {@code metadata}: a fifth of the endpoint's exceptions-and-allocation profile on a new user's call.
 */
public final class SessionClaims {
    private SessionClaims() {
    }

    public static Object get(JsonWebToken token, String name) {
        // The injected token is a request-scoped proxy of quarkus-oidc's principal.
        if (ClientProxy.unwrap(token) instanceof OidcJwtCallerPrincipal principal) {
            return principal.getClaims().getClaimValue(name);
        }
        return token.getClaim(name);
    }
}
