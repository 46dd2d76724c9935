package app.clerkdub.lead;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClerkUsers;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.dub.Customer;
import app.clerkdub.dub.DubLeads;
import app.clerkdub.dub.LeadOutcome;
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

    LeadTracker(ClerkUsers clerk, DubLeads dub, InFlightLeads inFlight) {
        this.clerk = clerk;
        this.dub = dub;
        this.inFlight = inFlight;
    }

    /**
     * @param userId the session's {@code sub}
     * @param clickId the click to credit, if the request carried one
     */
    public Uni<LeadResult> track(String userId, Optional<String> clickId) {
        return inFlight.join(userId, () -> flow(userId, clickId));
    }

    private Uni<LeadResult> flow(String userId, Optional<String> clickId) {
        return clerk.find(userId)
                .onFailure().transform(ClerkUsers::classify)
                .flatMap(found -> {
                    ClerkUser user = found.orElseThrow(UserNotFoundException::new);
                    // The token's claim can be a minute old: the fresh record has the last word.
                    if (user.dubClickId().isPresent()) {
                        return Uni.createFrom().item(LeadResult.of(LeadStatus.ALREADY_TRACKED));
                    }
                    return clickId.map(id -> sendLead(user, id)).orElseGet(() -> markNoClick(userId));
                });
    }

    private Uni<LeadResult> markNoClick(String userId) {
        return record(userId, ClickIdMetadata.NONE).replaceWith(LeadResult.of(LeadStatus.NO_CLICK));
    }

    private Uni<LeadResult> sendLead(ClerkUser user, String clickId) {
        Customer customer = Customer.of(user.id(), user.displayName(), user.primaryEmail(), user.avatar());
        return dub.track(clickId, customer)
                .onFailure().transform(DubLeads::classify)
                .flatMap(outcome -> {
                    String recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? ClickIdMetadata.NONE : clickId;
                    return record(user.id(), recorded).replaceWith(LeadResult.of(LeadStatus.of(outcome), clickId));
                });
    }

    private Uni<Void> record(String userId, String value) {
        return clerk.recordClickId(userId, value).onFailure().transform(ClerkUsers::classify);
    }
}
