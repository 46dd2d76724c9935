package app.clerkdub.dub;

import java.time.Duration;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamCalls;
import app.clerkdub.upstream.UpstreamException;
import app.clerkdub.upstream.UpstreamException.Kind;
import io.smallrye.mutiny.Uni;

/**
 * Sends leads to Dub, with retries and a circuit breaker; every failure leaves here as an
 * {@link UpstreamException}. Retrying is safe: Dub dedups a lead per customer and event name for
 * 7 days, so a repeat after a lost answer comes back as a duplicate.
 */
@ApplicationScoped
public class DubClient {
    private final DubTrackApi api;
    private final DubConfig config;
    private final UpstreamCalls.Operation trackLead;

    DubClient(@RestClient DubTrackApi api, DubConfig config, UpstreamCalls calls) {
        this.api = api;
        this.config = config;
        this.trackLead = calls.operation(Upstream.DUB, "track_lead");
    }

    /**
     * Dub answers 404 for an unknown click and for a missing or disabled link; it has stored its dedup
     * key by then, so the click is spent, and the 404 is never retried.
     *
     * @param timings told how long the call took, retries included ({@code dub_track_lead})
     */
    public Uni<LeadOutcome> track(String clickId, Customer customer, BiConsumer<String, Duration> timings) {
        DubLeadRequest lead = new DubLeadRequest(clickId, config.leadEventName(), customer.externalId(),
                customer.name(), customer.email(), customer.avatar(),
                config.leadMode().map(DubConfig.LeadMode::wireValue).orElse(null));
        return trackLead.call(() -> api.trackLead(lead)
                .map(answer -> answer.link() == null ? LeadOutcome.DUPLICATE : LeadOutcome.TRACKED)
                .onFailure(UpstreamException.is(Kind.NOT_FOUND)).recoverWithItem(LeadOutcome.UNKNOWN_CLICK), timings);
    }
}
