package app.clerkdub.lead;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.ClerkClient.ClerkUser;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.DubClient.Customer;
import app.clerkdub.dub.DubClient.CustomerChange;
import app.clerkdub.lead.CustomerSyncSetting.Sync;
import app.clerkdub.lead.Outcome.SyncResult;
import app.clerkdub.lead.UserRuns.UserFlights;
import app.clerkdub.platform.state.CallerContext;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the user's customer at Dub in step with the user: erased when the user is deleted, sent the new name, email
 * or avatar when the user changes them. Dub holds a customer only for a user whose lead was sent for a click
 * ({@link ClerkUser#knownToDub}); what it was last sent is kept on the user as a fingerprint
 * ({@link ClerkUser#customerFingerprint}), written with the lead's mark and after each update, so that an event that
 * changes nothing Dub holds (the service's own metadata writes among them) costs no call at all.
 * <p>
 * An erasure records the user as erased first ({@link UserFlights#markErased}), then waits for the user's sign-up or
 * qualification under way, here or on another instance ({@link UserFlights#settled}), which reads that record before
 * it sends anything: no lead can make the customer again after the deletion. Deliveries of one erasure that overlap share one Dub call.
 */
@ApplicationScoped
public class CustomerSync {
    private final CustomerSyncSetting setting;
    private final ClerkClient clerk;
    private final DubClient dub;
    private final UserRuns users;
    private final UpstreamBudgets budgets;
    private final UserFlights flights;
    /** Erasures under way, by user: a delivery that overlaps joins the one under way. */
    private final Map<String, Uni<SyncResult>> erasing = new ConcurrentHashMap<>();
    /** Updates under way, by user: one waits for the one before, then reads the user afresh. */
    private final Map<String, Uni<SyncResult>> updating = new ConcurrentHashMap<>();

    CustomerSync(CustomerSyncSetting setting, ClerkClient clerk, DubClient dub, UserRuns users, UpstreamBudgets budgets,
            UserFlights flights) {
        this.setting = setting;
        this.clerk = clerk;
        this.dub = dub;
        this.users = users;
        this.budgets = budgets;
        this.flights = flights;
    }

    /** The user was deleted in Clerk: their customer is deleted at Dub, if it has one. */
    public Uni<SyncResult> erase(String userId) {
        if (!setting.on(Sync.ERASE)) {
            return Uni.createFrom().item(SyncResult.NOT_SYNCED);
        }
        return Uni.createFrom().deferred(() -> {
            Uni<SyncResult> underWay = erasing.get(userId);
            if (underWay != null) {
                return CallerContext.resumeOnCaller(underWay);
            }
            Uni<SyncResult> mine = flights.markErased(userId)
                    .flatMap(ignored -> users.underWay(userId))
                    .flatMap(ignored -> flights.settled(userId))
                    // The app's Dub budget, as every flow takes it before its first call: spent, Svix hears 429.
                    .flatMap(ignored -> budgets.reserve(0, 1))
                    .flatMap(ignored -> dub.eraseCustomer(userId))
                    .map(change -> change == CustomerChange.APPLIED ? SyncResult.ERASED : SyncResult.UNKNOWN_CUSTOMER)
                    .memoize().indefinitely();
            Uni<SyncResult> earlier = erasing.putIfAbsent(userId, mine);
            return earlier != null ? CallerContext.resumeOnCaller(earlier) : started(erasing, userId, mine);
        });
    }

    /**
     * The user as a {@code user.updated} shows them: when what Dub holds may have changed, the user is read afresh from
     * Clerk (the event may be old, or delivered again) and Dub is sent what Clerk holds now, if it differs from what
     * Dub was last sent.
     */
    public Uni<SyncResult> updated(ClerkUser shown) {
        if (!setting.on(Sync.UPDATE)) {
            return Uni.createFrom().item(SyncResult.NOT_SYNCED);
        }
        if (!shown.knownToDub()) {
            return Uni.createFrom().item(SyncResult.UNKNOWN_CUSTOMER);
        }
        if (shown.customerFingerprint().filter(LeadFlow.customerOf(shown).fingerprint()::equals).isPresent()) {
            return Uni.createFrom().item(SyncResult.UNCHANGED);
        }
        String userId = shown.id();
        return Uni.createFrom().deferred(() -> {
            Uni<SyncResult> fresh = Uni.createFrom().deferred(() -> update(userId));
            Uni<SyncResult> mine = updating.compute(userId, (user, before) -> (before == null ? fresh
                    : before.onItemOrFailure().transformToUni((result, failure) -> fresh)).memoize().indefinitely());
            return started(updating, userId, mine);
        });
    }

    private Uni<SyncResult> update(String userId) {
        // The user's read and the fingerprint's write at Clerk, the update at Dub: taken before the first of them.
        return flights.isErased(userId).flatMap(gone -> gone ? Uni.createFrom().item(SyncResult.USER_NOT_FOUND)
                : budgets.reserve(2, 1).flatMap(ignored -> clerk.find(userId)).flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(SyncResult.USER_NOT_FOUND);
                    }
                    ClerkUser user = found.get();
                    if (!user.knownToDub()) {
                        return Uni.createFrom().item(SyncResult.UNKNOWN_CUSTOMER);
                    }
                    Customer customer = LeadFlow.customerOf(user);
                    if (user.customerFingerprint().filter(customer.fingerprint()::equals).isPresent()) {
                        return Uni.createFrom().item(SyncResult.UNCHANGED);
                    }
                    // Recorded whatever Dub answered, so that the next event about the same values costs nothing.
                    return dub.updateCustomer(customer).flatMap(change -> clerk.recordCustomer(userId,
                            customer.fingerprint()).replaceWith(change == CustomerChange.APPLIED
                                    ? SyncResult.UPDATED : SyncResult.UNKNOWN_CUSTOMER));
                }));
    }

    /** Started here, not by the callers' subscriptions: cancelling them never stops the flight. */
    private static Uni<SyncResult> started(Map<String, Uni<SyncResult>> flights, String userId, Uni<SyncResult> flight) {
        flight.subscribe().with(result -> flights.remove(userId, flight), failure -> flights.remove(userId, flight));
        return CallerContext.resumeOnCaller(flight);
    }
}
