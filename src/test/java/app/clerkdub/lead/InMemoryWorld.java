package app.clerkdub.lead;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.clerkdub.clerk.ClerkClient;
import app.clerkdub.clerk.InMemoryClerk;
import app.clerkdub.dub.DubClient;
import app.clerkdub.dub.DubConfig;
import app.clerkdub.dub.DubConfig.LeadMode;
import app.clerkdub.dub.InMemoryDub;
import app.clerkdub.fakes.InMemoryApi;
import app.clerkdub.lead.CustomerSyncSetting.Sync;
import app.clerkdub.lead.Outcome.SignUpOutcome;
import app.clerkdub.lead.Qualifiers.Qualifier;
import app.clerkdub.lead.Sales.Payment;
import app.clerkdub.lead.Sales.Sold;
import app.clerkdub.lead.UserRuns.UserFlights;
import app.clerkdub.platform.state.QuotaConfig;
import app.clerkdub.platform.state.States;
import app.clerkdub.platform.upstream.UpstreamCalls;
import app.clerkdub.platform.upstream.Upstreams;
import app.clerkdub.sandbox.ClerkOrganization;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.Simulation;
import io.smallrye.mutiny.Uni;

/**
 * The core as the application wires it, with no application: the real use cases, clients, upstream policy and
 * one instance's state in memory, over Clerk and Dub answered in memory by the sandbox's simulation. Each test
 * makes its own world, so nothing is shared between tests.
 */
final class InMemoryWorld {
    /** Long enough for a run with retries (each at most a few hundred milliseconds here), short enough to fail fast. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The core's tests read a sale's outcome, not its steps. */
    private static final Sales.Progress UNHEARD = new Sales.Progress() {
    };

    final Simulation simulation = InMemoryApi.simulation(InMemoryClerk.SECRET_KEY, InMemoryDub.API_KEY);
    final InMemoryClerk clerkApi = new InMemoryClerk(simulation);
    final InMemoryDub dubApi = new InMemoryDub(simulation);
    final States states;
    final UserFlights flights;
    final ClerkClient clerk;
    final UserRuns runs = new UserRuns();
    final Qualification qualification;
    final LeadFlow flow;
    final Sales sales;
    final CustomerSync customers;

    private InMemoryWorld(DubConfig config, List<String> qualifyOn, QuotaConfig quotas) {
        states = quotas == null ? States.inMemory() : States.inMemory(quotas);
        flights = new UserFlights(states.state(), states.quotas());
        UpstreamCalls calls = Upstreams.calls(states.budgets());
        clerk = clerkApi.client(calls);
        DubClient dub = dubApi.client(config, calls);
        DubChoices choices = choices(qualifyOn);
        Qualifiers qualifiers = new Qualifiers(config, choices);
        qualification = new Qualification(clerk, dub, runs, flights, states.budgets(), qualifiers);
        flow = new LeadFlow(clerk, dub, runs, flights, states.budgets(), qualification, qualifiers);
        sales = new Sales(dub, clerk, qualification, states.budgets());
        customers = new CustomerSync(new CustomerSyncSetting(choices), clerk, dub, runs, states.budgets(),
                flights);
    }

    /** {@code DUB_QUALIFY_ON} as given, {@code DUB_CUSTOMER_SYNC} at its default (erase and update). */
    private static DubChoices choices(List<String> qualifyOn) {
        return new DubChoices() {
            @Override
            public List<Qualifier> qualifyOn() {
                return List.copyOf(Qualifiers.parse(qualifyOn));
            }

            @Override
            public Optional<List<Sync>> customerSync() {
                return Optional.of(List.of(Sync.ERASE, Sync.UPDATE));
            }
        };
    }

    /** The lead is recorded at sign-up: {@code DUB_LEAD_MODE} unset. */
    static InMemoryWorld atSignUp() {
        return new InMemoryWorld(InMemoryDub.config(Optional.empty()), List.of(), null);
    }

    /** As {@link #atSignUp()}, with these budgets of runs. */
    static InMemoryWorld atSignUp(QuotaConfig quotas) {
        return new InMemoryWorld(InMemoryDub.config(Optional.empty()), List.of(), quotas);
    }

    /** {@code DUB_LEAD_MODE=deferred}, qualified by what {@code DUB_QUALIFY_ON} lists. */
    static InMemoryWorld deferred(String... qualifyOn) {
        return new InMemoryWorld(InMemoryDub.config(Optional.of(LeadMode.DEFERRED)), List.of(qualifyOn), null);
    }

    /** A user Clerk holds, with no metadata yet. */
    String user(String userId) {
        simulation.putUser(ClerkUser.named(userId));
        return userId;
    }

    /** An organization Clerk holds, created by {@code creatorId}, with this public metadata. */
    String organization(String organizationId, String creatorId, Map<String, Object> metadata) {
        simulation.putOrganization(ClerkOrganization.createdBy(organizationId, creatorId).withMetadata(metadata));
        return organizationId;
    }

    /** A visit through a Dub link: the click id that Dub knows. */
    String click() {
        return simulation.click();
    }

    /** The browser's sign-up request for a user whose token records nothing yet. */
    Uni<SignUpOutcome> signUp(String userId, String clickId) {
        return flow.track(userId, Optional.empty(), Optional.ofNullable(clickId));
    }

    Uni<Sold> pays(String userId, String invoiceId) {
        return sales.credit(new Payment(Optional.of(userId), Optional.empty(), 4900, "usd", invoiceId, Map.of()),
                UNHEARD);
    }

    Uni<Sold> organizationPays(String organizationId, String invoiceId) {
        return sales.credit(new Payment(Optional.empty(), Optional.of(organizationId), 4900, "usd", invoiceId,
                Map.of()), UNHEARD);
    }

    /** Clerk's user's public metadata as it is now. */
    Map<String, Object> publicMetadata(String userId) {
        return simulation.user(userId).orElseThrow().publicMetadata();
    }

    static <T> T await(Uni<T> work) {
        return work.await().atMost(PATIENCE);
    }
}
