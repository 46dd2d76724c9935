package app.clerkdub.door;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses {@code pending} Clerk sessions (signed in, but a required step such as choosing an
 * organization is left): the user is known but not yet allowed, so 403, not 401. A request with no
 * session passes here and is refused by the endpoint's {@code @Authenticated}, whose 401 carries the
 * JSON body this policy's denial could not.
 */
@ApplicationScoped
public class SessionPolicy implements HttpSecurityPolicy {
    public static final String NAME = "clerk-session";
    /** The session's status claim: {@code active} or {@code pending}. */
    private static final String STATUS = "sts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(SessionPolicy::check);
    }

    static CheckResult check(SecurityIdentity identity) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                && "pending".equals(token.getClaim(STATUS))) {
            return CheckResult.DENY;
        }
        return CheckResult.PERMIT;
    }
}
