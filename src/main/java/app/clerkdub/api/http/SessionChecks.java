package app.clerkdub.api.http;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.platform.settings.PastedValue;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The checks of a Clerk session token beyond what quarkus-oidc does itself (signature, issuer, lifetime,
 * {@code application.properties}): {@link Claims} while the token is verified, then {@link Pending} on
 * {@code /api/*}, once the user is known.
 */
public final class SessionChecks {
    private SessionChecks() {
    }

    /**
     * The checks Clerk prescribes: a session token names its user ({@code sub}) and session ({@code sid}), was
     * issued to one of our origins when it says so ({@code azp}), and was not issued in the future.
     * <p>
     * quarkus-oidc looks validators up programmatically, so without {@link Unremovable} the container would
     * drop this bean and the checks would silently never run.
     * <p>
     * jose4j reports what a validator returns under one error code for all of them, so {@link RefusedTokenLog}
     * asks {@link #refusal} again, on the refused token's claims, which of these checks it failed.
     */
    @ApplicationScoped
    @Unremovable
    public static class Claims implements Validator {
        static final long LEEWAY_SECONDS = 5;

        private final Set<String> authorizedParties;

        Claims(ClerkConfig config) {
            this.authorizedParties = Set.copyOf(config.authorizedParties());
        }

        @Override
        public String validate(JwtContext context) throws MalformedClaimException {
            return refusal(context.getJwtClaims()).orElse(null);
        }

        /** Which of these checks the claims fail, if any, in words fit for the log (no token, no secret). */
        Optional<String> refusal(JwtClaims claims) throws MalformedClaimException {
            if (!nonBlankString(claims.getClaimValue("sub"))) {
                return Optional.of("sub claim missing");
            }
            if (!nonBlankString(claims.getClaimValue("sid"))) {
                return Optional.of("sid claim missing: not a session token");
            }
            if (claims.hasClaim("azp")) {
                Object azp = claims.getClaimValue("azp");
                if (!(azp instanceof String origin) || !authorizedParties.contains(origin)) {
                    return Optional.of("azp not an authorized party: " + PastedValue.shown(String.valueOf(azp)));
                }
            }
            NumericDate issuedAt = claims.getIssuedAt();
            if (issuedAt != null && issuedAt.getValue() > NumericDate.now().getValue() + LEEWAY_SECONDS) {
                return Optional.of("iat in the future");
            }
            return Optional.empty();
        }

        private static boolean nonBlankString(Object value) {
            return value instanceof String text && !text.isBlank();
        }
    }

    /**
     * Refuses {@code pending} Clerk sessions (signed in, but a required step such as choosing an organization is
     * left): the user is known but not yet allowed, so 403, not 401. A request with no session passes here and
     * is refused by the endpoint's {@code @Authenticated}, whose 401 carries the JSON body this policy's denial
     * could not. Named {@value #NAME} in {@code quarkus.http.auth.permission.api.policy}.
     */
    @ApplicationScoped
    public static class Pending implements HttpSecurityPolicy {
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
            return identity.map(Pending::check);
        }

        static CheckResult check(SecurityIdentity identity) {
            if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                    && "pending".equals(token.getClaim(STATUS))) {
                return CheckResult.DENY;
            }
            return CheckResult.PERMIT;
        }
    }
}
