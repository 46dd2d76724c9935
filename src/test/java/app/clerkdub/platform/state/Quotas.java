package app.clerkdub.platform.state;

import java.time.Duration;

/** {@link QuotaConfig} as given, for the state's and the core's tests that run without an application. */
public record Quotas(int userRuns, int clientFailures, Duration period, int maxKeys, int trackedUsers,
        Duration trackedFor, int maxInFlight) implements QuotaConfig {

    /** The mapping's defaults. */
    public static Quotas defaults() {
        return new Quotas(6, 30, Duration.ofMinutes(1), 20_000, 50_000, Duration.ofMinutes(10), 2000);
    }

    /** The defaults but these: the runs one user may start per period, and the runs under way at once here. */
    public Quotas with(int userRuns, int maxInFlight) {
        return new Quotas(userRuns, clientFailures, period, maxKeys, trackedUsers, trackedFor, maxInFlight);
    }
}
