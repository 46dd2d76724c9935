package app.clerkdub.clerk.session;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The API's access rule: a valid Clerk session, which is not {@code pending}. A pending session
 * (signed in, but a required step such as choosing an organization is left) is known but not yet
 * allowed: 403, not 401.
 */
@ApplicationScoped
public class SessionPolicy implements HttpSecurityPolicy {
    public static final String NAME = "clerk-session";

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
        if (identity.isAnonymous()) {
            return CheckResult.DENY;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && "pending".equals(token.getClaim("sts"))) {
            return CheckResult.DENY;
        }
        return CheckResult.PERMIT;
    }
}
