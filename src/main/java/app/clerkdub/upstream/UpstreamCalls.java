package app.clerkdub.upstream;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Times each upstream call (retries included) into the {@code upstream.calls} timer, tagged by
 * upstream, operation and result, and hands the duration to the caller for its request log.
 */
@ApplicationScoped
public class UpstreamCalls {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    UpstreamCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> Uni<T> timed(Upstream upstream, String operation, Uni<T> call, BiConsumer<String, Duration> report) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onItemOrFailure().invoke((item, failure) -> {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String name = upstream.name().toLowerCase(Locale.ROOT) + "_" + operation;
                String result = result(failure);
                timers.computeIfAbsent(name + "/" + result, key -> timer(upstream, operation, result)).record(took);
                report.accept(name, took);
            });
        });
    }

    private Timer timer(Upstream upstream, String operation, String result) {
        return Timer.builder("upstream.calls")
                .description("Calls to Clerk and Dub, retries included")
                .tag("upstream", upstream.name().toLowerCase(Locale.ROOT))
                .tag("operation", operation)
                .tag("result", result)
                .register(registry);
    }

    static String result(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof UpstreamUnavailableException unavailable) {
            return unavailable.isCircuitOpen() ? "circuit_open" : unavailable.isTimeout() ? "timeout" : "unavailable";
        }
        if (failure instanceof UpstreamRejectedException) {
            return "rejected";
        }
        // The guarded calls map every failure before it gets here; an open circuit arrives raw.
        return failure instanceof CircuitBreakerOpenException ? "circuit_open" : "error";
    }
}
