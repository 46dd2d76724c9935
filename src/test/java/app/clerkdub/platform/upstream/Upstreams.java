package app.clerkdub.platform.upstream;

import java.time.Duration;

import app.clerkdub.platform.state.UpstreamBudgets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@link UpstreamCalls} under the service's own {@link UpstreamPolicy} with its default settings (two retries, the
 * circuit judged over 10 calls a minute), for the core's tests that run without an application.
 */
public final class Upstreams {
    private Upstreams() {
    }

    public static UpstreamCalls calls(UpstreamBudgets budgets) {
        UpstreamConfig config = new UpstreamConfig() {
            @Override
            public Duration maxRetryAfter() {
                return Duration.ofSeconds(2);
            }

            @Override
            public int retries() {
                return 2;
            }

            @Override
            public int circuitWindow() {
                return 10;
            }

            @Override
            public Duration circuitPeriod() {
                return Duration.ofSeconds(60);
            }
        };
        UpstreamPolicy policy = new UpstreamPolicy();
        return new UpstreamCalls(new SimpleMeterRegistry(), policy.breakers(config), policy.retries(config), budgets);
    }
}
