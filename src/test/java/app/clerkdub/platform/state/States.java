package app.clerkdub.platform.state;

import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One instance's state in memory ({@link MemoryState}) and what the core reads of it, made as the application makes
 * them, for the core's tests that run without an application: the constructors are package-private, so they are
 * called here.
 */
public record States(SharedState state, QuotaConfig quotas, UpstreamBudgets budgets) {

    /** With the defaults of {@link QuotaConfig} and of the upstreams' rates. */
    public static States inMemory() {
        return inMemory(Quotas.defaults());
    }

    public static States inMemory(QuotaConfig quotas) {
        SharedState state = new MemoryState(quotas, new SimpleMeterRegistry());
        ClerkRate clerkRate = () -> Rate.parse("1000/10s");
        DubRate dubRate = () -> Rate.parse("1200/1m");
        return new States(state, quotas, new UpstreamBudgets(state, clerkRate, dubRate));
    }

    /** The defaults but these: the runs one user may start per period, and the runs under way at once here. */
    public static QuotaConfig quotas(int userRuns, int maxInFlight) {
        return Quotas.defaults().with(userRuns, maxInFlight);
    }
}
