package app.clerkdub.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * When and how long to wait before calling an upstream again. Fault tolerance instantiates these
 * classes itself, so they read their one setting from the configuration directly.
 */
public final class RetryPolicy {
    private RetryPolicy() {
    }

    /** Longest {@code Retry-After} worth waiting for inside one request; beyond it the caller hears at once. */
    static Duration maxHonouredWait() {
        return ConfigProvider.getConfig()
                .getOptionalValue("upstream.max-retry-after", Duration.class)
                .orElse(Duration.ofSeconds(2));
    }

    /** Retry what may pass, unless the upstream asked for a pause longer than the request can afford. */
    public static final class Retryable implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            if (!(failure instanceof UpstreamUnavailableException unavailable) || unavailable.isCircuitOpen()) {
                return false;
            }
            return unavailable.retryAfter().map(wait -> wait.compareTo(maxHonouredWait()) <= 0).orElse(true);
        }
    }

    /**
     * Exponential backoff with equal jitter (half fixed, half random), so that instances retrying
     * together spread out; a {@code Retry-After} from the upstream replaces the computed delay.
     * Fault tolerance makes one instance per retried invocation, so the attempt count is per call.
     */
    public static final class Backoff implements CustomBackoffStrategy {
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
