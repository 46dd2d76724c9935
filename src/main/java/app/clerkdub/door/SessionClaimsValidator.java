package app.clerkdub.door;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.clerk.settings.PastedValue;
import io.quarkus.arc.Unremovable;

/**
 * The checks Clerk prescribes beyond signature, issuer and lifetime: a session token names its user
 * ({@code sub}) and session ({@code sid}), was issued to one of our origins when it says so
 * ({@code azp}), and was not issued in the future.
 * <p>
 * quarkus-oidc looks validators up programmatically, so without {@link Unremovable} the container
 * would drop this bean and the checks would silently never run.
 * <p>
 * jose4j reports what a validator returns under one error code for all of them, so {@link RefusedTokenLog}
 * asks {@link #refusal} again, on the refused token's claims, which of these checks it failed.
 */
@ApplicationScoped
@Unremovable
public class SessionClaimsValidator implements Validator {
    static final long LEEWAY_SECONDS = 5;

    private final Set<String> authorizedParties;

    SessionClaimsValidator(ClerkConfig config) {
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
