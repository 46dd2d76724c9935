package app.clerkdub.fakes;

import java.time.Clock;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Circuits that open after a few calls, and no retries, for the tests about the breakers: put in place of the
 * service's own in its registries, and taken out again afterwards, so that the next call of each operation gets
 * a fresh breaker and retry as configured. No restart, no test profile of their own.
 */
public final class TightCircuits {
    /** Every upstream operation, as its breaker and retry are named. */
    static final List<String> OPERATIONS = List.of("clerk_get_user", "clerk_update_metadata",
            "clerk_get_organization", "dub_track_lead", "dub_track_sale");

    private TightCircuits() {
    }

    /**
     * @param window the fewest calls within the breakers' time window before they judge
     * @param clock what that window is measured by
     */
    public static void apply(CircuitBreakerRegistry breakers, RetryRegistry retries, int window, Clock clock) {
        CircuitBreakerConfig tight = CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .minimumNumberOfCalls(window).clock(clock).build();
        RetryConfig once = new RetryConfig.Builder<>(retries.getDefaultConfig()).maxAttempts(1).build();
        for (String name : OPERATIONS) {
            breakers.remove(name);
            breakers.circuitBreaker(name, tight);
            retries.remove(name);
            retries.retry(name, once);
        }
    }

    /** The service's own again, fresh: closed, with nothing in their windows. */
    public static void restore(CircuitBreakerRegistry breakers, RetryRegistry retries) {
        OPERATIONS.forEach(name -> {
            breakers.remove(name);
            retries.remove(name);
        });
    }
}
