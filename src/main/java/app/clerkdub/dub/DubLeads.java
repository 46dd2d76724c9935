package app.clerkdub.dub;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

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
 * Sends leads to Dub, with retries and a circuit breaker. Retrying is safe: Dub dedups a lead per
 * customer and event name for 7 days, so a repeat after a lost answer comes back as a duplicate.
 */
@ApplicationScoped
public class DubLeads {
    static final long CIRCUIT_DELAY_SECONDS = 10;

    private final DubTrackApi api;
    private final DubConfig config;
    private final String authorization;

    DubLeads(@RestClient DubTrackApi api, DubConfig config) {
        this.api = api;
        this.config = config;
        this.authorization = "Bearer " + config.apiKey();
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 0, maxDuration = 4, durationUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = RetryPolicy.Retryable.class)
    @CustomBackoff(RetryPolicy.Backoff.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = CIRCUIT_DELAY_SECONDS,
            delayUnit = ChronoUnit.SECONDS, failOn = UpstreamUnavailableException.class)
    public Uni<LeadOutcome> track(String clickId, Customer customer) {
        DubLeadRequest lead = new DubLeadRequest(clickId, config.leadEventName(), customer.externalId(),
                customer.name(), customer.email(), customer.avatar(),
                config.leadMode().map(DubConfig.LeadMode::wireValue).orElse(null));
        return api.trackLead(authorization, lead)
                .map(answer -> answer.link() == null ? LeadOutcome.DUPLICATE : LeadOutcome.TRACKED)
                .onFailure(DubLeads::isUnknownClick).recoverWithItem(LeadOutcome.UNKNOWN_CLICK)
                .onFailure().transform(DubLeads::classify);
    }

    /** Maps the failure of a guarded call, including an open circuit, for callers of this class. */
    public static UpstreamException classify(Throwable failure) {
        return UpstreamFailures.classify(Upstream.DUB, failure, Duration.ofSeconds(CIRCUIT_DELAY_SECONDS));
    }

    /**
     * Dub answers 404 for an unknown click and for a missing or disabled link; it has stored its dedup
     * key by then, so the click is spent. A 404 about the workspace is a key problem instead.
     */
    private static boolean isUnknownClick(Throwable failure) {
        return failure instanceof UpstreamException upstream
                && upstream.status() == 404
                && !upstream.getMessage().contains("Workspace");
    }
}
