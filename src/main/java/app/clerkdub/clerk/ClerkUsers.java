package app.clerkdub.clerk;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.clerkdub.upstream.RetryPolicy;
import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamException;
import app.clerkdub.upstream.UpstreamFailures;
import app.clerkdub.upstream.UpstreamUnavailableException;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Clerk's Backend API as this service needs it, with retries and a circuit breaker. Every failure
 * leaves here as an {@link UpstreamException}.
 */
@ApplicationScoped
public class ClerkUsers {
    static final long CIRCUIT_DELAY_SECONDS = 10;

    private final ClerkBackendApi api;
    private final String authorization;

    ClerkUsers(@RestClient ClerkBackendApi api, ClerkConfig config) {
        this.api = api;
        this.authorization = "Bearer " + config.secretKey();
    }

    /** The user's current record, or empty when Clerk no longer knows the user. */
    @Retry(maxRetries = 2, delay = 100, jitter = 0, maxDuration = 4, durationUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = RetryPolicy.Retryable.class)
    @CustomBackoff(RetryPolicy.Backoff.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = CIRCUIT_DELAY_SECONDS,
            delayUnit = ChronoUnit.SECONDS, failOn = UpstreamUnavailableException.class)
    public Uni<Optional<ClerkUser>> find(String userId) {
        return api.getUser(authorization, userId)
                .map(Optional::of)
                .onFailure(ClerkUsers::isNotFound).recoverWithItem(Optional.empty())
                .onFailure().transform(ClerkUsers::classify);
    }

    /** Deep-merges {@code dubClickId} into the user's public metadata; other keys are kept. */
    @Retry(maxRetries = 2, delay = 100, jitter = 0, maxDuration = 4, durationUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = RetryPolicy.Retryable.class)
    @CustomBackoff(RetryPolicy.Backoff.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = CIRCUIT_DELAY_SECONDS,
            delayUnit = ChronoUnit.SECONDS, failOn = UpstreamUnavailableException.class)
    public Uni<Void> recordClickId(String userId, String clickId) {
        return api.updateMetadata(authorization, userId, MetadataUpdate.clickId(clickId))
                .onFailure().transform(ClerkUsers::classify);
    }

    /** Maps the failure of a guarded call, including an open circuit, for callers of this class. */
    public static UpstreamException classify(Throwable failure) {
        return UpstreamFailures.classify(Upstream.CLERK, failure, Duration.ofSeconds(CIRCUIT_DELAY_SECONDS));
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof UpstreamException upstream && upstream.status() == 404;
    }
}
