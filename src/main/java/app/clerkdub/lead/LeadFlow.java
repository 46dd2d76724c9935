package app.clerkdub.lead;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkUser;
import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.clerk.ClickIdMetadata.Click;
import app.clerkdub.clerk.ClickIdMetadata.NoClick;
import app.clerkdub.dub.Customer;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.LeadOutcome;
import app.clerkdub.lead.UserRuns.Running;
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
 * share one run ({@link UserRuns}), so they make one Dub request and one metadata update, and each gets the
 * outcome. A run goes on to its end even when every caller stops waiting (a deadline, a closed tab), so a lead
 * Dub accepted is always recorded on the user. Once it ends, the next request starts afresh and finds the
 * user tracked.
 * <p>
 * Repeat calls are free: a user whose token or record says tracked, or whom a run here found or left tracked, is
 * answered {@code already_tracked} with no upstream call (see {@link #alreadyTracked}). A new run is refused
 * when the user has started too many lately, or when too many are under way ({@link FlowQuota#admitRun});
 * joining a run under way costs nothing.
 * <p>
 * In deferred mode ({@code DUB_LEAD_MODE=deferred}) Dub stores the click on the customer and records no lead; the
 * user is recorded as pending, and {@link Qualification} sends the lead when the user qualifies, in the same slot
 * of {@link UserRuns}: a sign-up waits for a qualification under way.
 */
@ApplicationScoped
public class LeadFlow {
    private final ClerkClient clerk;
    private final DubClient dub;
    private final FlowQuota quota;
    private final UserRuns users;
    private final Qualification qualification;
    private final Qualifiers qualifiers;
    private final ErasedUsers erased;

    LeadFlow(ClerkClient clerk, DubClient dub, FlowQuota quota, UserRuns users, Qualification qualification,
            Qualifiers qualifiers, ErasedUsers erased) {
        this.clerk = clerk;
        this.dub = dub;
        this.quota = quota;
        this.users = users;
        this.qualification = qualification;
        this.qualifiers = qualifiers;
        this.erased = erased;
    }

    /**
     * @param userId the session's {@code sub}
     * @param known what the caller already read of the user's metadata (the session token's claim), if anything
     * @param clickId the click to credit, if the request carried one
     */
    public Uni<LeadResult> track(String userId, Optional<ClickIdMetadata> known, Optional<String> clickId) {
        return Uni.createFrom().deferred(() -> {
            Optional<ClickIdMetadata> tracked = alreadyTracked(userId, known);
            if (tracked.isPresent()) {
                return alreadyTrackedAnswer(tracked.get());
            }
            UserRuns.Entry entry = users.of(userId);
            if (entry instanceof Running running) {
                return onCallersContext(running.result());
            }
            if (entry instanceof UserRuns.Qualifying qualifying) {
                return afterwards(qualifying, userId, known, clickId);
            }
            quota.admitRun(userId);
            Running mine = new Running(run(userId, clickId)
                    // Every outcome of a run that ends well leaves dubClickId on the user.
                    .onItemOrFailure().invoke((result, failure) -> {
                        users.ended(userId, failure == null ? Optional.of(result.recorded()) : Optional.empty());
                        quota.runEnded();
                    })
                    .memoize().indefinitely());
            UserRuns.Entry earlier = users.start(userId, mine);
            if (earlier != null) {
                // Another request got there first: this run never starts.
                quota.runEnded();
                if (earlier instanceof UserRuns.Qualifying qualifying) {
                    return afterwards(qualifying, userId, known, clickId);
                }
                return earlier instanceof Running running ? onCallersContext(running.result())
                        : alreadyTrackedAnswer(((UserRuns.Tracked) earlier).recorded());
            }
            // Started here, not by the callers' subscriptions: cancelling them never stops the run.
            mine.result().subscribe().with(result -> { }, failure -> { });
            return onCallersContext(mine.result());
        });
    }

    /**
     * What the user's record holds when the lead is handled already, the one place that decides it: their metadata says so (the
     * token's claim, which can be a minute old, or Clerk's fresh record, which has the last word), or a run here
     * marked them lately.
     */
    private Optional<ClickIdMetadata> alreadyTracked(String userId, Optional<ClickIdMetadata> metadata) {
        return metadata.or(() -> users.of(userId) instanceof UserRuns.Tracked tracked
                ? Optional.of(tracked.recorded()) : Optional.empty());
    }

    private static Uni<LeadResult> alreadyTrackedAnswer(ClickIdMetadata recorded) {
        return Uni.createFrom().item(LeadResult.alreadyTracked(recorded));
    }

    private Uni<LeadResult> run(String userId, Optional<String> clickId) {
        return clerk.find(userId).flatMap(found -> {
            ClerkUser user = found.orElseThrow(UserNotFoundException::new);
            Optional<ClickIdMetadata> tracked = alreadyTracked(userId, user.dubClickId());
            if (tracked.isPresent()) {
                return alreadyTrackedAnswer(tracked.get());
            }
            if (clickId.isEmpty()) {
                return clerk.recordClickId(userId, NoClick.INSTANCE, null)
                        .replaceWith(LeadResult.of(LeadStatus.NO_CLICK, null, NoClick.INSTANCE));
            }
            // Checked in the user's slot, so that an erasure either waits for this run or is seen here.
            return erased.isErased(userId).flatMap(gone -> gone ? Uni.createFrom().failure(new UserNotFoundException())
                    : send(user, clickId.get()));
        });
    }

    private Uni<LeadResult> send(ClerkUser user, String clickId) {
        Customer customer = CustomerSync.customerOf(user);
        return dub.track(clickId, customer).flatMap(outcome -> {
            // Dub has spent an unknown click (its dedup key is stored): never send it again.
            ClickIdMetadata recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? NoClick.INSTANCE : new Click(clickId);
            // Deferred: Dub holds the click on the customer, and the lead waits for the user to qualify.
            Uni<Void> record = qualifiers.deferred() && recorded instanceof Click click
                    ? qualification.signedUp(user, click, customer.fingerprint())
                    : clerk.recordClickId(user.id(), recorded, recorded instanceof Click ? customer.fingerprint() : null);
            return record.replaceWith(LeadResult.of(LeadStatus.of(outcome), clickId, recorded));
        });
    }

    /** A qualification under way for the user: the sign-up starts once it ended, and reads what it wrote. */
    private Uni<LeadResult> afterwards(UserRuns.Qualifying qualifying, String userId, Optional<ClickIdMetadata> known,
            Optional<String> clickId) {
        return onCallersContext(qualifying.result())
                .onItemOrFailure().transformToUni((ignored, failure) -> track(userId, known, clickId));
    }

    /** A caller that joined another's run is answered on its own event loop, not the run's. */
    static <T> Uni<T> onCallersContext(Uni<T> shared) {
        Context caller = Vertx.currentContext();
        return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
