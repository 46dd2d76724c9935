package app.clerkdub.lead;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata.Click;
import app.clerkdub.clerk.ClerkClient.ClickIdMetadata.NoClick;
import app.clerkdub.clerk.LeadState;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.DubClient.QualifiedLeadOutcome;
import app.clerkdub.lead.Outcome.QualifyResult;
import app.clerkdub.lead.Qualifiers.Qualifier;
import app.clerkdub.lead.UserRuns.UserFlights;
import app.clerkdub.platform.state.SharedState.Claimed;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.smallrye.mutiny.Uni;

/**
 * Deferred mode's second step: the user qualified, so Dub records the lead, once. The user's {@code dubLead}
 * metadata ({@link LeadState}) is the record: read afresh from Clerk, written only once Dub answered, so a failure
 * leaves it as it was for the event's next delivery, and Dub's dedup makes that delivery safe.
 * <p>
 * One flight per user, in the user's one run ({@link UserRuns}) and, across instances, its claim
 * ({@link UserFlights}): events that overlap share one qualification, a qualification waits for a sign-up under way
 * and a sign-up for a qualification, so that each reads what the other wrote. A user whose sign-up was not handled
 * yet is marked qualified first, and the sign-up sends the qualified lead ({@link #signedUp}): an early
 * qualification is never lost.
 */
@ApplicationScoped
public class Qualification {
    private static final String OUTCOME = "qualify|";

    private final ClerkClient clerk;
    private final DubClient dub;
    private final UserRuns users;
    private final UserFlights flights;
    private final UpstreamBudgets budgets;
    private final Qualifiers qualifiers;

    Qualification(ClerkClient clerk, DubClient dub, UserRuns users, UserFlights flights, UpstreamBudgets budgets,
            Qualifiers qualifiers) {
        this.clerk = clerk;
        this.dub = dub;
        this.users = users;
        this.flights = flights;
        this.budgets = budgets;
        this.qualifiers = qualifiers;
    }

    /**
     * A {@code user.updated} shows the user's public metadata: a qualification when the app's backend set
     * {@code dubQualified: true} and {@code DUB_QUALIFY_ON} has {@code metadata}. Clerk sends {@code user.updated} for
     * every change of a user, this service's own metadata writes included, so what the event already says settles
     * most of them with no call at all.
     */
    public Uni<QualifyResult> onMetadata(String userId, Map<String, Object> publicMetadata) {
        if (!qualifiers.on(Qualifier.METADATA) || !ClerkUser.qualifiedIn(publicMetadata)) {
            return Uni.createFrom().item(QualifyResult.NOT_QUALIFYING);
        }
        if (LeadState.read(publicMetadata).filter(LeadState::settled).isPresent()) {
            return Uni.createFrom().item(QualifyResult.ALREADY_QUALIFIED);
        }
        if (ClickIdMetadata.read(publicMetadata).filter(NoClick.class::isInstance).isPresent()) {
            return Uni.createFrom().item(QualifyResult.NO_LEAD);
        }
        return qualify(userId);
    }

    /** The user created an organization: a qualification when {@code DUB_QUALIFY_ON} has {@code organization}. */
    public Uni<QualifyResult> onOrganizationCreated(String creatorId) {
        return qualifiers.on(Qualifier.ORGANIZATION) ? qualify(creatorId)
                : Uni.createFrom().item(QualifyResult.NOT_QUALIFYING);
    }

    /** The user paid: a qualification first, when {@code DUB_QUALIFY_ON} has {@code payment}; none otherwise. */
    Uni<Optional<QualifyResult>> onPayment(String payerId) {
        return qualifiers.on(Qualifier.PAYMENT) ? qualify(payerId).map(Optional::of)
                : Uni.createFrom().item(Optional.empty());
    }

    /** Qualifies the user's deferred lead, in the user's one run. */
    Uni<QualifyResult> qualify(String userId) {
        return users.once(userId, UserRuns.Kind.QUALIFICATION, () -> fleetRun(userId));
    }

    /**
     * The qualification of this instance, once the user is claimed across the fleet: another instance's
     * qualification tells its result; after its sign-up, this one runs afresh and reads what the sign-up wrote.
     */
    private Uni<QualifyResult> fleetRun(String userId) {
        return flights.beginQualification(userId).flatMap(begin -> {
            if (begin instanceof Claimed claim) {
                AtomicReference<Optional<ClickIdMetadata>> recorded = new AtomicReference<>(Optional.empty());
                return budgets.reserve(2, 1).flatMap(ignored -> run(userId, recorded))
                        .onItemOrFailure().call((result, failure) -> flights.end(userId, claim,
                                recorded.get().map(ClickIdMetadata::value),
                                Optional.ofNullable(result).map(done -> OUTCOME + done.name())));
            }
            return flights.awaitEnd(userId).flatMap(outcome -> outcome.filter(told -> told.startsWith(OUTCOME))
                    .map(told -> Uni.createFrom().item(QualifyResult.valueOf(told.substring(OUTCOME.length()))))
                    .orElseGet(() -> fleetRun(userId)));
        });
    }

    /**
     * Records a deferred sign-up on the user, Dub holding its click: pending, or, when the user qualified already
     * (first, or by the app's metadata), the qualified lead sent now and recorded with the click.
     */
    Uni<Void> signedUp(ClerkUser user, Click click, String customerFingerprint) {
        boolean qualified = user.dubLead().filter(LeadState.QUALIFIED_FIRST::equals).isPresent()
                || qualifiers.on(Qualifier.METADATA) && user.qualifiedByApp();
        if (!qualified) {
            return clerk.recordLead(user.id(), click, LeadState.PENDING, customerFingerprint);
        }
        return dub.qualify(user.id())
                .flatMap(outcome -> clerk.recordLead(user.id(), click, stateAfter(outcome), customerFingerprint));
    }

    /** Reads the user afresh and qualifies them; {@code recorded} gets what their metadata says of the sign-up. */
    private Uni<QualifyResult> run(String userId, AtomicReference<Optional<ClickIdMetadata>> recorded) {
        return clerk.find(userId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(QualifyResult.USER_NOT_FOUND);
            }
            ClerkUser user = found.get();
            recorded.set(user.dubClickId());
            return qualify(user);
        });
    }

    private Uni<QualifyResult> qualify(ClerkUser user) {
        Optional<LeadState> state = user.dubLead();
        if (state.filter(LeadState::settled).isPresent()) {
            return Uni.createFrom().item(QualifyResult.ALREADY_QUALIFIED);
        }
        if (state.filter(LeadState.QUALIFIED_FIRST::equals).isPresent()) {
            return Uni.createFrom().item(QualifyResult.AWAITING_SIGN_UP);
        }
        Optional<ClickIdMetadata> click = user.dubClickId();
        if (click.isEmpty()) {
            return clerk.recordLeadState(user.id(), LeadState.QUALIFIED_FIRST).replaceWith(QualifyResult.AWAITING_SIGN_UP);
        }
        if (!(click.get() instanceof Click) || state.isEmpty()) {
            return Uni.createFrom().item(QualifyResult.NO_LEAD);
        }
        return dub.qualify(user.id()).flatMap(outcome -> clerk.recordLeadState(user.id(), stateAfter(outcome))
                .replaceWith(switch (outcome) {
                    case RECORDED -> QualifyResult.QUALIFIED;
                    case DUPLICATE -> QualifyResult.DUPLICATE;
                    case NO_CUSTOMER -> QualifyResult.NO_CUSTOMER;
                }));
    }

    private static LeadState stateAfter(QualifiedLeadOutcome outcome) {
        return outcome == QualifiedLeadOutcome.NO_CUSTOMER ? LeadState.NO_CUSTOMER : LeadState.QUALIFIED;
    }
}
