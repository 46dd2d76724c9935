package app.clerkdub.lead;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClerkUsers;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.dub.Customer;
import app.clerkdub.dub.DubLeads;
import app.clerkdub.dub.LeadOutcome;
import app.clerkdub.upstream.Upstream;
import app.clerkdub.upstream.UpstreamCalls;
import io.smallrye.mutiny.Uni;

/**
 * The lead flow for one signed-in user: read the user afresh, send the lead to Dub, then record the
 * click on the user. The user is only marked once Dub holds the lead, so any failure before that
 * leaves everything as it was for the next attempt.
 */
@ApplicationScoped
public class LeadTracker {
    private final ClerkUsers clerk;
    private final DubLeads dub;
    private final InFlightLeads inFlight;
    private final UpstreamCalls calls;

    LeadTracker(ClerkUsers clerk, DubLeads dub, InFlightLeads inFlight, UpstreamCalls calls) {
        this.clerk = clerk;
        this.dub = dub;
        this.inFlight = inFlight;
        this.calls = calls;
    }

    /**
     * @param userId the session's {@code sub}
     * @param clickId the click to credit, if the request carried one
     * @param timings told how long each upstream call took (not when the request joined another's flow)
     */
    public Uni<LeadResult> track(String userId, Optional<String> clickId, BiConsumer<String, Duration> timings) {
        return inFlight.join(userId, () -> new Flow(userId, timings).run(clickId));
    }

    /** One run of the flow for one user. */
    private final class Flow {
        private final String userId;
        private final BiConsumer<String, Duration> timings;

        Flow(String userId, BiConsumer<String, Duration> timings) {
            this.userId = userId;
            this.timings = timings;
        }

        Uni<LeadResult> run(Optional<String> clickId) {
            return calls.timed(Upstream.CLERK, "get_user", clerk.find(userId), timings)
                    .onFailure().transform(ClerkUsers::classify)
                    .flatMap(found -> {
                        ClerkUser user = found.orElseThrow(UserNotFoundException::new);
                        // The token's claim can be a minute old: the fresh record has the last word.
                        if (user.dubClickId().isPresent()) {
                            return Uni.createFrom().item(LeadResult.of(LeadStatus.ALREADY_TRACKED));
                        }
                        return clickId.map(id -> sendLead(user, id)).orElseGet(this::markNoClick);
                    });
        }

        private Uni<LeadResult> markNoClick() {
            return record(ClickIdMetadata.NONE).replaceWith(LeadResult.of(LeadStatus.NO_CLICK));
        }

        private Uni<LeadResult> sendLead(ClerkUser user, String clickId) {
            Customer customer = Customer.of(user.id(), user.displayName(), user.primaryEmail(), user.avatar());
            return calls.timed(Upstream.DUB, "track_lead", dub.track(clickId, customer), timings)
                    .onFailure().transform(DubLeads::classify)
                    .flatMap(outcome -> {
                        String recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? ClickIdMetadata.NONE : clickId;
                        return record(recorded).replaceWith(LeadResult.of(LeadStatus.of(outcome), clickId));
                    });
        }

        private Uni<Void> record(String value) {
            return calls.timed(Upstream.CLERK, "update_metadata", clerk.recordClickId(userId, value), timings)
                    .onFailure().transform(ClerkUsers::classify);
        }
    }
}
