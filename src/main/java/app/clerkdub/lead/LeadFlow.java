package app.clerkdub.lead;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.dub.Customer;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.LeadOutcome;
import app.clerkdub.lead.quota.FlowQuota;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The lead flow, whole: read the user afresh from Clerk, send the lead to Dub, then record the click on
 * the user. The user is only marked once Dub holds the lead, so any failure before that leaves everything
 * as it was for the next attempt, and Dub's dedup makes that attempt safe.
 * <p>
 * One flight per user: requests for the same user that overlap (an SPA that fires twice, twenty tabs)
 * share one run, so they make one Dub request and one metadata update, and each gets the outcome. A run
 * goes on to its end even when every caller stops waiting (a deadline, a closed tab), so a lead Dub
 * accepted is always recorded on the user. Once it ends, the next request starts afresh and finds the
 * user tracked.
 * <p>
 * Repeat calls are free: a user a run found or left tracked is answered {@code already_tracked} from
 * {@link FlowQuota}'s record, with no upstream call, while a session token minted before the mark can
 * still be replayed. A new run is refused when the user has started too many lately, or when too many
 * are under way ({@link FlowQuota#admitRun}); joining a run under way costs nothing.
 */
@ApplicationScoped
public class LeadFlow {
    private final ClerkClient clerk;
    private final DubClient dub;
    private final FlowQuota quota;
    private final ConcurrentMap<String, Uni<LeadResult>> inFlight = new ConcurrentHashMap<>();

    LeadFlow(ClerkClient clerk, DubClient dub, FlowQuota quota) {
        this.clerk = clerk;
        this.dub = dub;
        this.quota = quota;
    }

    /**
     * @param userId the session's {@code sub}
     * @param clickId the click to credit, if the request carried one
     */
    public Uni<LeadResult> track(String userId, Optional<String> clickId) {
        return Uni.createFrom().deferred(() -> {
            if (quota.knownTracked(userId)) {
                return Uni.createFrom().item(LeadResult.of(LeadStatus.ALREADY_TRACKED));
            }
            Uni<LeadResult> shared = inFlight.get(userId);
            if (shared == null) {
                quota.admitRun(userId);
                // Every outcome of a run that ends well leaves dubClickId on the user.
                Uni<LeadResult> mine = run(userId, clickId)
                        .invoke(() -> quota.tracked(userId))
                        .onTermination().invoke(() -> {
                            inFlight.remove(userId);
                            quota.runEnded();
                        })
                        .memoize().indefinitely();
                shared = inFlight.putIfAbsent(userId, mine);
                if (shared == null) {
                    // Started here, not by the callers' subscriptions: cancelling them never stops the run.
                    mine.subscribe().with(result -> { }, failure -> { });
                    shared = mine;
                } else {
                    // Another request started the user's run meanwhile: this one never runs.
                    quota.runEnded();
                }
            }
            return onCallersContext(shared);
        });
    }

    private Uni<LeadResult> run(String userId, Optional<String> clickId) {
        return clerk.find(userId).flatMap(found -> {
            ClerkUser user = found.orElseThrow(UserNotFoundException::new);
            // The token's claim can be a minute old: the fresh record has the last word.
            if (user.dubClickId().isPresent()) {
                return Uni.createFrom().item(LeadResult.of(LeadStatus.ALREADY_TRACKED));
            }
            if (clickId.isEmpty()) {
                return clerk.recordClickId(userId, ClickIdMetadata.NONE)
                        .replaceWith(LeadResult.of(LeadStatus.NO_CLICK));
            }
            Customer customer = Customer.of(user.id(), user.displayName(), user.primaryEmail(), user.avatar());
            return dub.track(clickId.get(), customer).flatMap(outcome -> {
                // Dub has spent an unknown click (its dedup key is stored): never send it again.
                String recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? ClickIdMetadata.NONE : clickId.get();
                return clerk.recordClickId(userId, recorded)
                        .replaceWith(LeadResult.of(LeadStatus.of(outcome), clickId.get()));
            });
        });
    }

    /** A caller that joined another's run is answered on its own event loop, not the run's. */
    private static Uni<LeadResult> onCallersContext(Uni<LeadResult> shared) {
        Context caller = Vertx.currentContext();
        return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
