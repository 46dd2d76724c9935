package app.clerkdub.platform.upstream;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.platform.state.CallerContext;
import app.clerkdub.platform.state.UpstreamBudgets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/** Hands each upstream client its operations: guarded by {@link UpstreamGuard}, mapped and timed. */
@ApplicationScoped
public class UpstreamCalls {
    private final MeterRegistry registry;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final UpstreamBudgets budgets;

    UpstreamCalls(MeterRegistry registry, CircuitBreakerRegistry breakers, RetryRegistry retries,
            UpstreamBudgets budgets) {
        this.registry = registry;
        this.breakers = breakers;
        this.retries = retries;
        this.budgets = budgets;
    }

    /**
     * Call once per operation, when the client is made. The operation's breaker and retry are the registries'
     * entries named {@code <upstream>_<operation>}, such as {@code clerk_get_user}.
     */
    public Operation operation(Upstream upstream, String name) {
        return new Operation(upstream, name);
    }

    /**
     * One operation of one upstream, such as Clerk's {@code get_user}. Every failure leaves it as an
     * {@link UpstreamException}, and every call, retries included, is timed into the
     * {@code upstream.calls} timer, tagged by upstream, operation and result, and into the
     * {@link CallTimings} of the request it was made for. Its circuit's state is the
     * {@code upstream.circuit.state} gauge, tagged by upstream and operation.
     */
    public final class Operation {
        private final Upstream upstream;
        private final String name;
        private final String timingName;
        /** The prefix of this operation's attributes on the request's span: {@code upstream.clerk_get_user.}. */
        private final String attributes;
        private final UpstreamGuard guard;
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();

        private Operation(Upstream upstream, String name) {
            this.upstream = upstream;
            this.name = name;
            this.timingName = tag(upstream) + "_" + name;
            this.attributes = "upstream." + timingName + ".";
            // A retry is a request beyond what its flow took of the app-wide budget: counted as it is sent.
            this.guard = new UpstreamGuard(upstream, timingName, breakers, retries,
                    () -> budgets.spent(tag(upstream)).subscribe().with(ignored -> { }, ignored -> { }));
            // Read from the registry at each scrape, by name: a breaker put in place later (a reset) is the one seen.
            Gauge.builder("upstream.circuit.state", breakers, registered -> registered.find(timingName)
                            .map(breaker -> circuitState(breaker.getState())).orElse(0.0))
                    .description("The operation's circuit: 0 closed, 0.5 half-open (one trial call), 1 open")
                    .tag("upstream", tag(upstream))
                    .tag("operation", name)
                    .register(registry);
        }

        /**
         * @param call one try; it fails with an {@link UpstreamException} for an error answer, with anything
         *        else when no answer came
         */
        public <T> Uni<T> call(Supplier<Uni<T>> call) {
            return Uni.createFrom().deferred(() -> {
                Map<String, Duration> timings = CallTimings.ofThisRequest();
                Map<String, String> traces = CallTimings.tracesOfThisRequest();
                // The server span of the request it is made for: the no-op span when tracing is off.
                Span request = Span.current();
                AtomicInteger tries = new AtomicInteger();
                long start = System.nanoTime();
                Uni<T> timed = guard.call(() -> {
                    tries.incrementAndGet();
                    return call.get();
                }).onItemOrFailure().invoke((item, failure) -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    String result = failure == null ? "ok" : ((UpstreamException) failure).kind().result();
                    timer(result).record(took);
                    if (timings != null) {
                        timings.merge(timingName, took, Duration::plus);
                    }
                    tell(request, tries.get(), failure);
                    if (traces != null && failure instanceof UpstreamException failed) {
                        failed.upstreamTraceId().ifPresent(id -> traces.put(tag(upstream) + "_trace_id", id));
                    }
                });
                // Whichever thread answered or retried, the caller's next step runs on the caller's context.
                return CallerContext.resumeOnCaller(timed);
            });
        }

        /**
         * The request's span says what its own child spans cannot: how often this call was retried (each try is
         * a child span of its own), and how it failed when it did, with the upstream's status when it answered.
         */
        private void tell(Span request, int tries, Throwable failure) {
            if (tries > 1) {
                request.setAttribute(attributes + "retries", tries - 1);
            }
            if (failure instanceof UpstreamException failed) {
                request.setAttribute(attributes + "result", failed.kind().result());
                if (failed.status() > 0) {
                    request.setAttribute(attributes + "status", failed.status());
                }
            }
        }

        private Timer timer(String result) {
            return timers.computeIfAbsent(result, key -> Timer.builder("upstream.calls")
                    .description("Calls to Clerk and Dub, retries included")
                    .tag("upstream", tag(upstream))
                    .tag("operation", name)
                    .tag("result", result)
                    .register(registry));
        }
    }

    /** 1 while calls are refused without trying, 0.5 while one trial call decides, else 0. */
    private static double circuitState(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 1.0;
            case HALF_OPEN -> 0.5;
            case CLOSED, DISABLED, METRICS_ONLY -> 0.0;
        };
    }

    private static String tag(Upstream upstream) {
        return upstream.name().toLowerCase(Locale.ROOT);
    }
}
