package app.clerkdub.lead;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.dub.Customer;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.LeadOutcome;
import io.smallrye.mutiny.Uni;

/**
 * The lead flow for one signed-in user: read the user afresh, send the lead to Dub, then record the
 * click on the user. The user is only marked once Dub holds the lead, so any failure before that
 * leaves everything as it was for the next attempt.
 */
@ApplicationScoped
public class LeadTracker {
    private final ClerkClient clerk;
    private final DubClient dub;
    private final InFlightLeads inFlight;

    LeadTracker(ClerkClient clerk, DubClient dub, InFlightLeads inFlight) {
        this.clerk = clerk;
        this.dub = dub;
        this.inFlight = inFlight;
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
            return clerk.find(userId, timings)
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
            return dub.track(clickId, customer, timings)
                    .flatMap(outcome -> {
                        String recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? ClickIdMetadata.NONE : clickId;
                        return record(recorded).replaceWith(LeadResult.of(LeadStatus.of(outcome), clickId));
                    });
        }

        private Uni<Void> record(String value) {
            return clerk.recordClickId(userId, value, timings);
        }
    }
}
