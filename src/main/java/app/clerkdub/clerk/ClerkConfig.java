package app.clerkdub.clerk;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Clerk settings. Each key reads the environment variable of the same name upper-cased
 * ({@code clerk.secret-key} is {@code CLERK_SECRET_KEY}).
 */
@ConfigMapping(prefix = "clerk")
public interface ClerkConfig {
    /**
     * Backend API secret key ({@code sk_...}): the Authorization header of every request to Clerk's Backend API
     * ({@code quarkus.rest-client.clerk-api.headers}); a missing one fails the start.
     */
    String secretKey();

    /**
     * Frontend API URL: the {@code iss} of session tokens (given, or derived from the publishable key), without
     * a trailing slash (as {@code PastedValues} reads it).
     */
    String issuer();

    /**
     * Origins allowed in {@code azp}; also the CORS allow-list. Read trimmed and normalised to
     * {@code scheme://host[:port]} ({@code PastedValues}); entries that are not origins stop the start.
     */
    List<String> authorizedParties();

    /**
     * Backend API base URL, without {@code /v1}: the one place of its default, which
     * {@code quarkus.rest-client.clerk-api.url=${clerk.api-url}} reads.
     */
    @WithDefault("https://api.clerk.com")
    URI apiUrl();

    /** Name of the session-token claim that carries the user's public metadata. */
    @WithDefault("metadata")
    String metadataClaim();

    /** The PEM public key for networkless verification, when set. */
    Optional<String> jwtKey();
}
