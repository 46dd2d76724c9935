package app.clerkdub.platform.state;

import java.time.Duration;

/** {@link QuotaConfig} with its defaults, for the state's tests that run without an application. */
final class Quotas {
    private Quotas() {
    }

    static QuotaConfig defaults() {
        return new QuotaConfig() {
            @Override
            public int userRuns() {
                return 6;
            }

            @Override
            public int clientFailures() {
                return 30;
            }

            @Override
            public Duration period() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int maxKeys() {
                return 20_000;
            }

            @Override
            public int trackedUsers() {
                return 50_000;
            }

            @Override
            public Duration trackedFor() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int maxInFlight() {
                return 2000;
            }
        };
    }
}
