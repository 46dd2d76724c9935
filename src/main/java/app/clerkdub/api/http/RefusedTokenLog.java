package app.clerkdub.api.http;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.platform.settings.PastedValue;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;

/**
 * One INFO line for each refused session token, saying why: an operator must tell from the default log
 * why users get 401, and quarkus-oidc says so only at DEBUG. Never the token itself.
 * <p>
 * Quarkus fires an {@link AuthenticationFailureEvent} for every failed authentication; quarkus-oidc's
 * failure carries jose4j's {@link InvalidJwtException}, whose error codes and causes tell the reasons
 * apart. The checks of {@link SessionChecks.Claims} all share one code, so it is asked which one failed.
 */
@ApplicationScoped
public class RefusedTokenLog {
    private static final Logger LOG = Logger.getLogger(RefusedTokenLog.class);

    static final String MALFORMED = "malformed token (not a signed JWT)";

    private final SessionChecks.Claims validator;
    private final String issuer;

    RefusedTokenLog(SessionChecks.Claims validator, ClerkConfig config) {
        this.validator = validator;
        this.issuer = config.issuer();
    }

    void refused(@Observes AuthenticationFailureEvent event) {
        LOG.infof("Session token refused: %s", reasons(event.getAuthenticationFailure()));
    }

    String reasons(Throwable failure) {
        Optional<InvalidJwtException> invalid = cause(failure, InvalidJwtException.class);
        if (invalid.isEmpty()) {
            // With introspection off, quarkus-oidc refuses what is no JWT (it calls it opaque) with no cause.
            Throwable root = rootCause(failure);
            return root == failure ? MALFORMED : "not verifiable (" + root.getClass().getSimpleName() + ")";
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (ErrorCodeValidator.Error error : invalid.get().getErrorDetails()) {
            reasons.add(reason(error.getErrorCode(), invalid.get()));
        }
        return reasons.isEmpty() ? reason(ErrorCodes.MISCELLANEOUS, invalid.get()) : String.join("; ", reasons);
    }

    private String reason(int code, InvalidJwtException invalid) {
        return switch (code) {
            case ErrorCodes.EXPIRED -> "expired";
            case ErrorCodes.NOT_YET_VALID -> "not yet valid (nbf)";
            case ErrorCodes.EXPIRATION_MISSING -> "exp claim missing";
            case ErrorCodes.ISSUED_AT_MISSING -> "iat claim missing";
            case ErrorCodes.SUBJECT_MISSING -> "sub claim missing"; // as SessionChecks.Claims says it: one reason
            case ErrorCodes.ISSUER_MISSING -> "iss claim missing";
            case ErrorCodes.SIGNATURE_INVALID -> "signature invalid (not signed by this Clerk instance's key)";
            case ErrorCodes.SIGNATURE_MISSING -> "unsigned";
            case ErrorCodes.ISSUER_INVALID -> "issuer not expected: expected '" + issuer + "', got "
                    + claims(invalid).map(RefusedTokenLog::issuerOf).orElse("none");
            case ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING -> "audience refused";
            case ErrorCodes.MALFORMED_CLAIM, ErrorCodes.JSON_INVALID -> "malformed claims";
            default -> other(invalid);
        };
    }

    /** What jose4j reports as miscellaneous: the algorithm, the key, a check of ours, or a token that is no JWT. */
    private String other(InvalidJwtException invalid) {
        if (cause(invalid, InvalidAlgorithmException.class).isPresent()) {
            return "algorithm " + algorithm(invalid) + " not allowed (RS256 only)";
        }
        if (cause(invalid, UnresolvableKeyException.class).isPresent()) {
            return "signing key unknown (kid not in the issuer's key set)";
        }
        Optional<String> ours = claims(invalid).flatMap(claims -> {
            try {
                return validator.refusal(claims);
            } catch (MalformedClaimException malformed) {
                return Optional.of("malformed claims");
            }
        });
        return ours.orElse(MALFORMED);
    }

    private static Optional<JwtClaims> claims(InvalidJwtException invalid) {
        return Optional.ofNullable(invalid.getJwtContext()).map(JwtContext::getJwtClaims);
    }

    private static String algorithm(InvalidJwtException invalid) {
        return Optional.ofNullable(invalid.getJwtContext()).map(JwtContext::getJoseObjects)
                .filter(objects -> !objects.isEmpty()).map(objects -> objects.get(0).getAlgorithmHeaderValue())
                .map(PastedValue::shown).orElse("unknown");
    }

    private static String issuerOf(JwtClaims claims) {
        try {
            return claims.getIssuer() == null ? "none" : PastedValue.shown(claims.getIssuer());
        } catch (MalformedClaimException notAString) {
            return "a value that is not a string";
        }
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
