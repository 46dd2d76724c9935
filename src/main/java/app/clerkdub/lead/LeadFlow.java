package app.clerkdub.lead;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata.Click;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata.NoClick;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.DubClient.Customer;
import app.clerkdub.dub.DubClient.LeadOutcome;
import app.clerkdub.lead.Outcome.LeadStatus;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import app.clerkdub.lead.UserRuns.UserFlights;
import app.clerkdub.platform.state.RateLimitedException;
import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.platform.state.SharedState.Limited;
import app.clerkdub.platform.state.SharedState.Tracked;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.smallrye.mutiny.Uni;

/**
 * The lead flow, whole: read the user afresh from Clerk, send the lead to Dub, then record the click on
 * the user. The user is only marked once Dub holds the lead, so any failure before that leaves everything
 * as it was for the next attempt, and Dub's dedup makes that attempt safe.
 * <p>
 * One flight per user: requests for the same user that overlap (an SPA that fires twice, twenty tabs)
 * share one run ({@link UserRuns}), so they make one Dub request and one metadata update, and each gets the
 * outcome; across instances, the run claims the user first ({@link UserFlights}), and a run that finds another
 * instance's under way waits for it and answers with its outcome. Once it ends, the next request starts afresh and
 * finds the user tracked.
 * <p>
 * Repeat calls are free: a user whose token says tracked is answered {@code already_tracked} with nothing asked of
 * anyone; one whom a run of the fleet left tracked lately, with one look at the shared state. A new run is refused
 * when too many are under way here ({@link UserFlights#admitRun}), when the user has started too many lately, or
 * when the app's budget of Clerk or Dub requests is spent ({@link UpstreamBudgets}), before anything is sent;
 * joining a run under way costs nothing.
 * <p>
 * In deferred mode ({@code DUB_LEAD_MODE=deferred}) Dub stores the click on the customer and records no lead; the
 * user is recorded as pending, and {@link Qualification} sends the lead when the user qualifies, in the same slot
 * of {@link UserRuns}: a sign-up waits for a qualification under way.
 */
@ApplicationScoped
public class LeadFlow {
    /** What a run may ask of Clerk: the user, then the metadata write. */
    private static final int CLERK_CALLS = 2;

    private final ClerkClient clerk;
    private final DubClient dub;
    private final UserRuns users;
    private final UserFlights flights;
    private final UpstreamBudgets budgets;
    private final Qualification qualification;
    /** Deferred mode: the lead waits for the user to qualify. */
    private final boolean deferred;

    LeadFlow(ClerkClient clerk, DubClient dub, UserRuns users, UserFlights flights,
            UpstreamBudgets budgets, Qualification qualification, Qualifiers qualifiers) {
        this.clerk = clerk;
        this.dub = dub;
        this.users = users;
        this.flights = flights;
        this.budgets = budgets;
        this.qualification = qualification;
        this.deferred = qualifiers.deferred();
    }

    /**
     * @param userId the session's {@code sub}
     * @param known what the caller already read of the user's metadata (the session token's claim), if anything
     * @param clickId the click to credit, if the request carried one
     */
    public Uni<SignUpOutcome> track(String userId, Optional<ClickIdMetadata> known, Optional<String> clickId) {
        if (known.isPresent()) {
            return alreadyTrackedAnswer(known.get());
        }
        return users.once(userId, UserRuns.Kind.SIGN_UP, () -> {
            flights.admitRun();
            return Uni.createFrom().deferred(() -> run(userId, clickId)).onTermination().invoke(flights::runEnded);
        });
    }

    /**
     * The run of this instance for the user: answered from the fleet's record of users tracked lately, refused past
     * the user's budget, after another instance's run, or claimed and run here.
     */
    private Uni<SignUpOutcome> run(String userId, Optional<String> clickId) {
        return flights.beginSignUp(userId).flatMap(begin -> {
            if (begin instanceof Tracked tracked) {
                return alreadyTrackedAnswer(ClickIdMetadata.of(tracked.recorded()));
            }
            if (begin instanceof Limited limited) {
                return Uni.createFrom().failure(RateLimitedException.userRuns(limited.retryAfter()));
            }
            if (begin instanceof Claimed claim) {
                return budgets.reserve(CLERK_CALLS, deferred ? 2 : 1)
                        .flatMap(ignored -> send(userId, clickId))
                        .onItemOrFailure().call((result, failure) -> flights.end(userId, claim,
                                Optional.ofNullable(result).map(done -> done.recorded().value()),
                                Optional.ofNullable(result).map(SignUpOutcome::told)));
            }
            // Another instance runs for the user: its outcome is this run's, or, when it told none, run afresh.
            return flights.awaitEnd(userId).flatMap(outcome -> outcome.flatMap(SignUpOutcome::fromTold)
                    .map(result -> Uni.createFrom().item(result)).orElseGet(() -> run(userId, clickId)));
        });
    }

    private static Uni<SignUpOutcome> alreadyTrackedAnswer(ClickIdMetadata recorded) {
        return Uni.createFrom().item(SignUpOutcome.alreadyTracked(recorded));
    }

    private Uni<SignUpOutcome> send(String userId, Optional<String> clickId) {
        return clerk.find(userId).flatMap(found -> {
            ClerkUser user = found.orElseThrow(UserNotFoundException::new);
            if (user.dubClickId().isPresent()) {
                return alreadyTrackedAnswer(user.dubClickId().get());
            }
            if (clickId.isEmpty()) {
                return clerk.recordClickId(userId, NoClick.INSTANCE, null)
                        .replaceWith(new SignUpOutcome(LeadStatus.NO_CLICK, null, NoClick.INSTANCE));
            }
            // Checked in the user's slot, so that an erasure either waits for this run or is seen here.
            return flights.isErased(userId).flatMap(gone -> gone ? Uni.createFrom().failure(new UserNotFoundException())
                    : send(user, clickId.get()));
        });
    }

    /** What a lead sends about the user, and so what Dub holds about them. */
    static Customer customerOf(ClerkUser user) {
        return Customer.of(user.id(), user.displayName(), user.primaryEmail(), user.avatar());
    }

    private Uni<SignUpOutcome> send(ClerkUser user, String clickId) {
        Customer customer = customerOf(user);
        return dub.track(clickId, customer).flatMap(outcome -> {
            // Dub has spent an unknown click (its dedup key is stored): never send it again.
            ClickIdMetadata recorded = outcome == LeadOutcome.UNKNOWN_CLICK ? NoClick.INSTANCE : new Click(clickId);
            // Deferred: Dub holds the click on the customer, and the lead waits for the user to qualify.
            Uni<Void> record = deferred && recorded instanceof Click click
                    ? qualification.signedUp(user, click, customer.fingerprint())
                    : clerk.recordClickId(user.id(), recorded, recorded instanceof Click ? customer.fingerprint() : null);
            return record.replaceWith(new SignUpOutcome(LeadStatus.of(outcome), clickId, recorded));
        });
    }

    /** The token is valid, but Clerk no longer has its user (deleted within the token's last minute). */
    public static class UserNotFoundException extends RuntimeException {
        UserNotFoundException() {
            super("Clerk has no user for this session", null, false, false);
        }
    }
}
