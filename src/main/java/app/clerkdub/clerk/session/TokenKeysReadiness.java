package app.clerkdub.clerk.session;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.clerkdub.clerk.ClerkConfig;
import app.clerkdub.platform.settings.PemKey;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready once session tokens can be verified: the PEM in {@code CLERK_JWT_KEY} is a valid RSA key, or
 * the issuer's JWKS answers with at least one RSA key. (A start with incomplete configuration
 * fails before this runs.) A good JWKS answer is remembered for a minute, so probes cost Clerk little.
 */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements AsyncHealthCheck {
    static final String NAME = "Clerk session-token keys";
    private static final Duration REMEMBER = Duration.ofMinutes(1);

    private final ClerkConfig config;
    private final ClerkFrontendApi frontend;
    private volatile long lastGoodNanos;

    TokenKeysReadiness(ClerkConfig config, @RestClient ClerkFrontendApi frontend) {
        this.config = config;
        this.frontend = frontend;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.jwtKey().isPresent()) {
            return Uni.createFrom().item(pemCheck(config.jwtKey().get()));
        }
        if (lastGoodNanos != 0 && System.nanoTime() - lastGoodNanos < REMEMBER.toNanos()) {
            return Uni.createFrom().item(up("jwks"));
        }
        return frontend.jwks()
                .map(jwks -> {
                    if (!jwks.hasRsaKey()) {
                        return down("the JWKS at the issuer has no RSA key");
                    }
                    lastGoodNanos = System.nanoTime();
                    return up("jwks");
                })
                .onFailure().recoverWithItem(failure -> down("the JWKS at the issuer could not be loaded ("
                        + failure.getClass().getSimpleName() + ")"));
    }

    private HealthCheckResponse pemCheck(String pem) {
        try {
            PemKey.parse(pem); // checked at start already (ClerkTokenSettings): this cannot fail after it
            return up("pem");
        } catch (ConfigurationException invalid) {
            return down(invalid.getMessage());
        }
    }

    private HealthCheckResponse up(String source) {
        return HealthCheckResponse.named(NAME).up().withData("source", source)
                .withData("issuer", config.issuer()).build();
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }
}
