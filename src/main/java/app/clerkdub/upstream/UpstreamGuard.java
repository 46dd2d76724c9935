package app.clerkdub.upstream;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The one place that says how an upstream call is retried and when its circuit opens. Every
 * operation gets a guard of its own, so each has its own circuit; the guard sees failures already
 * mapped to {@link UpstreamException}, and decides on their kind.
 */
final class UpstreamGuard {
    /** How long an open circuit stays open; also the {@code Retry-After} a caller hears meanwhile. */
    static final Duration CIRCUIT_DELAY = Duration.ofSeconds(10);

    private UpstreamGuard() {
    }

    static Guard create(String description, UpstreamConfig config) {
        return Guard.create()
                .withDescription(description)
                .withRetry()
                    .maxRetries(config.retries())
                    .delay(100, ChronoUnit.MILLIS)
                    .maxDuration(4, ChronoUnit.SECONDS)
                    .whenException(failure -> worthRetrying(failure, config.maxRetryAfter()))
                    .withCustomBackoff().strategy(Backoff::new).done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(config.circuitWindow())
                    .failureRatio(0.5)
                    .delay(CIRCUIT_DELAY.toMillis(), ChronoUnit.MILLIS)
                    .when(UpstreamGuard::countsAgainstCircuit)
                    .done()
                .build();
    }

    /** Retry what may pass, unless the upstream asked for a pause longer than the request can afford. */
    private static boolean worthRetrying(Throwable failure, Duration maxWait) {
        return failure instanceof UpstreamException upstream && upstream.kind().mayPass()
                && upstream.retryAfter().map(wait -> wait.compareTo(maxWait) <= 0).orElse(true);
    }

    /** Only a failure that may pass says the upstream is unwell; a refusal or a 404 is a healthy answer. */
    private static boolean countsAgainstCircuit(Throwable failure) {
        return failure instanceof UpstreamException upstream && upstream.kind().mayPass();
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
