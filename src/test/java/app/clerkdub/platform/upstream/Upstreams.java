package app.clerkdub.platform.upstream;

import java.time.Duration;

import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link UpstreamCalls} under the service's own {@link UpstreamPolicy} with its default settings (two retries, the
 * circuit judged over 10 calls a minute), for the core's tests that run without an application.
 */
public final class Upstreams {
    /** The mapping's settings as given. */
    record Policy(Duration maxRetryAfter, int retries, int circuitWindow, Duration circuitPeriod)
            implements UpstreamConfig {
    }

    private Upstreams() {
    }

    public static UpstreamCalls calls(UpstreamBudgets budgets) {
        UpstreamConfig config = new Policy(Duration.ofSeconds(2), 2, 10, Duration.ofSeconds(60));
        UpstreamPolicy policy = new UpstreamPolicy();
        return new UpstreamCalls(new SimpleMeterRegistry(), policy.breakers(config), policy.retries(config), budgets);
    }
}
