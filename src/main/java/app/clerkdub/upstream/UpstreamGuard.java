package app.clerkdub.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The one place that says how an upstream call is retried and when its circuit opens. Every operation
 * gets a guard of its own, so each has its own circuit; the guard sees failures already mapped to
 * {@link UpstreamException}, and decides on their kind.
 * <p>
 * The circuit breaker sits outside the retries and judges availability, not traffic: it weighs one
 * outcome per call (retries included), only a failure that says the upstream is unavailable counts
 * against it (a 4xx answer is a healthy one, a 429 is ignored), and only over the last
 * {@code upstream.circuit-period}, so a bad minute long ago cannot open it now. SmallRye's breaker
 * weighs the last N attempts whatever their age, so the breaker is Resilience4j's, with a time-based
 * window; SmallRye's {@link Guard} keeps doing the retries, on a {@code Uni}.
 */
final class UpstreamGuard {
    /** How long an open circuit stays open; also the {@code Retry-After} a caller hears meanwhile. */
    static final Duration CIRCUIT_DELAY = Duration.ofSeconds(10);

    private final Upstream upstream;
    private final Guard retries;
    private final CircuitBreaker breaker;

    UpstreamGuard(Upstream upstream, String description, UpstreamConfig config, Clock clock) {
        this.upstream = upstream;
        this.retries = Guard.create()
                .withDescription(description)
                .withRetry()
                    .maxRetries(config.retries())
                    .delay(100, ChronoUnit.MILLIS)
                    .maxDuration(4, ChronoUnit.SECONDS)
                    .whenException(failure -> worthRetrying(failure, config.maxRetryAfter()))
                    .withCustomBackoff().strategy(Backoff::new).done()
                    .done()
                .build();
        this.breaker = CircuitBreaker.of(description, CircuitBreakerConfig.custom()
                .slidingWindow((int) Math.max(1, config.circuitPeriod().toSeconds()), config.circuitWindow(),
                        SlidingWindowType.TIME_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(CIRCUIT_DELAY)
                // One trial call after the pause: its success closes the circuit, its failure reopens it.
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(UpstreamGuard::saysUnavailable)
                .ignoreException(UpstreamException.is(UpstreamException.Kind.RATE_LIMITED))
                .clock(clock)
                .build());
    }

    /**
     * One call: refused at once while the circuit is open, else tried (and retried) and its outcome weighed.
     * Every failure leaves as an {@link UpstreamException}.
     */
    <T> Uni<T> call(Supplier<Uni<T>> oneTry) {
        return Uni.createFrom().deferred(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Uni.createFrom().failure(UpstreamException.circuitOpen(upstream, CIRCUIT_DELAY, null));
            }
            long start = System.nanoTime();
            // Each try's failure is mapped before the retry sees it, so that it decides on kinds.
            return retried(() -> oneTry.get().onFailure().transform(this::mapped))
                    .onFailure().transform(this::mapped)
                    .onItemOrFailure().invoke((item, failure) -> {
                        long took = System.nanoTime() - start;
                        if (failure == null) {
                            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        } else {
                            breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                        }
                    })
                    // A call nobody waits for any more says nothing either way.
                    .onCancellation().invoke(breaker::releasePermission);
        });
    }

    /**
     * The guard tells a {@code Uni} by its class, which needs no reflection (a {@code TypeLiteral} is read
     * from its generic superclass at run time); the casts only forget {@code T} and get it back.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private <T> Uni<T> retried(Supplier<Uni<T>> oneTry) {
        return retries.get((Supplier<Uni>) (Supplier) oneTry, Uni.class);
    }

    private UpstreamException mapped(Throwable failure) {
        return UpstreamException.from(upstream, failure);
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
     * Exponential backoff with equal jitter (half fixed, half random), so that instances retrying
     * together spread out; a {@code Retry-After} from the upstream replaces the computed delay.
     * There is one instance per guarded call, so the attempt count is per call.
     */
    private static final class Backoff implements CustomBackoffStrategy {
        private static final long MAX_DELAY_MILLIS = 2_000;
        private long initialDelayMillis = 100;
        private int attempt;

        @Override
        public void init(long initialDelayInMillis) {
            this.initialDelayMillis = Math.max(1, initialDelayInMillis);
        }

        @Override
        public long nextDelayInMillis(Throwable failure) {
            long base = Math.min(MAX_DELAY_MILLIS, initialDelayMillis << Math.min(attempt++, 20));
            if (failure instanceof UpstreamException upstream && upstream.retryAfter().isPresent()) {
                return upstream.retryAfter().get().toMillis();
            }
            return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
    }
}
