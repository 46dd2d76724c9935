package app.clerkdub.fakes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import io.quarkus.arc.Unremovable;

/**
 * Counts, per token ({@code jti}), how often quarkus-oidc verified a session token: it registers every
 * jose4j {@link Validator} bean on its JWT consumer, which runs them once per verification, after the
 * signature check. It accepts every token; the service's own validator decides.
 */
@ApplicationScoped
@Unremovable
public class VerificationCounter implements Validator {
    private final Map<String, AtomicInteger> verifications = new ConcurrentHashMap<>();

    @Override
    public String validate(JwtContext context) {
        Object jti = context.getJwtClaims().getClaimValue("jti");
        if (jti instanceof String id) {
            verifications.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
        }
        return null;
    }

    /** How often the token with this {@code jti} reached verification after its signature check. */
    public int verifications(String jti) {
        AtomicInteger count = verifications.get(jti);
        return count == null ? 0 : count.get();
    }
}
