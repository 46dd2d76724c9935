package app.clerkdub.platform.upstream;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * How every upstream operation is retried and when its circuit opens, as Resilience4j registries: each
 * operation takes the breaker and the retry of its name from them on every call, so a test can reset them, or
 * put tighter ones in their place, without restarting the service.
 * <p>
 * The breaker judges availability, not traffic: it weighs one outcome per call (retries included), only a
 * failure that says the upstream is unavailable counts against it (a 4xx answer is a healthy one, a 429 says
 * nothing either way), and only over the last {@code upstream.circuit-period}, so that a bad minute long ago
 * cannot open it for a service that is called seldom.
 */
@Singleton
public class UpstreamPolicy {
    /** How long an open circuit stays open; also the {@code Retry-After} a caller hears meanwhile. */
    static final Duration CIRCUIT_DELAY = Duration.ofSeconds(10);
    /** No retry starts once the tries of one call have taken this long. */
    static final Duration MAX_RETRYING = Duration.ofSeconds(4);
    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 2_000;

    @Produces
    @Singleton
    CircuitBreakerRegistry breakers(UpstreamConfig config) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow((int) Math.max(1, config.circuitPeriod().toSeconds()), config.circuitWindow(),
                        SlidingWindowType.TIME_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(CIRCUIT_DELAY)
                // One trial call after the pause: its success closes the circuit, its failure reopens it.
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(UpstreamPolicy::saysUnavailable)
                .ignoreException(UpstreamException.is(UpstreamException.Kind.RATE_LIMITED))
                .clock(Clock.systemUTC())
                .build());
    }

    @Produces
    @Singleton
    RetryRegistry retries(UpstreamConfig config) {
        Duration maxWait = config.maxRetryAfter();
        return RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(config.retries() + 1)
                .retryOnException(failure -> worthRetrying(failure, maxWait))
                .intervalBiFunction(UpstreamPolicy.<Object>backoff())
                .build());
    }

    /** Retry what may pass, unless the upstream asked for a pause longer than the request can afford. */
    private static boolean worthRetrying(Throwable failure, Duration maxWait) {
        return failure instanceof UpstreamException upstream && upstream.kind().mayPass()
                && upstream.retryAfter().map(wait -> wait.compareTo(maxWait) <= 0).orElse(true);
    }

    /** A connection error, a timeout or a 5xx says the upstream is unwell; any other answer says it is up. */
    private static boolean saysUnavailable(Throwable failure) {
        return failure instanceof UpstreamException upstream && upstream.kind().saysUnavailable();
    }

    /**
     * Exponential backoff with equal jitter (half fixed, half random), so that instances retrying together
     * spread out; a {@code Retry-After} from the upstream replaces the computed delay.
     */
    private static <T> IntervalBiFunction<T> backoff() {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof UpstreamException upstream
                    && upstream.retryAfter().isPresent()) {
                return upstream.retryAfter().get().toMillis();
            }
            long base = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(Math.max(attempt - 1, 0), 20));
            return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        };
    }
}
