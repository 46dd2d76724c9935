package app.clerkdub.platform.upstream;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.platform.state.CallerContext;
import app.clerkdub.platform.state.SharedState.UpstreamBudgets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * The one policy every call to Clerk and Dub passes, on Resilience4j: each client's operations, guarded (retries and
 * a circuit, {@link UpstreamGuard}), mapped to {@link UpstreamException}, timed into the request's
 * {@link CallTimings}, and counted against the app-wide budget of their upstream; and the time limit a door puts on
 * the work behind one call ({@link Deadline}).
 */
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

    /**
     * One operation's call under {@link UpstreamPolicy}: refused at once while its circuit is open, else tried,
     * retried as the policy says, and its outcome weighed by the breaker. The breaker sits outside the retries;
     * both see failures already mapped to {@link UpstreamException}, and decide on their kind.
     * <p>
     * Resilience4j has no Mutiny binding, so its asynchronous contracts are used as its own Reactor and RxJava
     * bindings use them: a permission, then the outcome, for the breaker; each failure told to the retry's
     * context, which answers how long to wait before the next try, or that there is none.
     */
    static final class UpstreamGuard {
        private final Upstream upstream;
        private final String name;
        private final CircuitBreakerRegistry breakers;
        private final RetryRegistry retries;
        private final Runnable retrying;

        /** @param retrying told before each retry is sent */
        UpstreamGuard(Upstream upstream, String name, CircuitBreakerRegistry breakers, RetryRegistry retries,
                Runnable retrying) {
            this.upstream = upstream;
            this.name = name;
            this.breakers = breakers;
            this.retries = retries;
            this.retrying = retrying;
        }

        /** Every failure leaves as an {@link UpstreamException}. */
        <T> Uni<T> call(Supplier<Uni<T>> oneTry) {
            return Uni.createFrom().deferred(() -> {
                CircuitBreaker breaker = breakers.circuitBreaker(name);
                if (!breaker.tryAcquirePermission()) {
                    return Uni.createFrom().failure(
                            UpstreamException.circuitOpen(upstream, UpstreamPolicy.CIRCUIT_DELAY, null));
                }
                long start = System.nanoTime();
                Retry.AsyncContext<T> retry = retries.retry(name).asyncContext();
                return tries(oneTry, retry, start)
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

        private <T> Uni<T> tries(Supplier<Uni<T>> oneTry, Retry.AsyncContext<T> retry, long start) {
            return Uni.createFrom().<T>deferred(oneTry::get)
                    .onFailure().transform(failure -> UpstreamException.from(upstream, failure))
                    .onItem().invoke(retry::onComplete)
                    .onFailure().recoverWithUni(failure -> {
                        long waitMillis = retry.onError(failure);
                        Duration spent = Duration.ofNanos(System.nanoTime() - start);
                        if (waitMillis < 0 || spent.plusMillis(waitMillis).compareTo(UpstreamPolicy.MAX_RETRYING) > 0) {
                            return Uni.createFrom().failure(failure);
                        }
                        // A wait that is already over (Dub's reset time has passed) is no wait: a delay must be positive.
                        Uni<Void> pause = waitMillis == 0 ? Uni.createFrom().voidItem()
                                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMillis));
                        return pause.invoke(retrying)
                                .flatMap(ignored -> tries(oneTry, retry, start));
                    });
        }
    }

    /**
     * How long a caller waits for work on the upstreams, as Resilience4j time limiters: past its deadline the caller
     * hears a {@link DeadlineExceededException}, while the work goes on to its end (a lead Dub accepted late is still
     * recorded on the user). The limiters' timer is a thread of this bean's own: Quarkus' managed executor hands out
     * scheduled futures that cannot tell whether they are done, which the limiter asks.
     */
    @ApplicationScoped
    public static class Deadline {
        private final Map<Duration, TimeLimiter> limiters = new ConcurrentHashMap<>();
        private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "upstream-deadline");
            thread.setDaemon(true);
            return thread;
        });

        Deadline() {
            // Nearly every call ends in time and the limiter cancels its timer: it leaves the queue then, instead
            // of waiting out the whole deadline there with the call's result, which would keep a deadline's worth
            // of calls alive past the young collections.
            timer.setRemoveOnCancelPolicy(true);
        }

        /** The work's outcome, or a {@link DeadlineExceededException} once {@code after} has passed. */
        public <T> Uni<T> bound(Uni<T> work, Duration after) {
            return Uni.createFrom().deferred(() -> {
                CompletableFuture<T> outcome = started(work);
                // Work done at once (a repeat call answered from memory) needs no timer.
                if (outcome.isDone()) {
                    return Uni.createFrom().completionStage(outcome);
                }
                TimeLimiter limiter = limiters.computeIfAbsent(after, duration -> TimeLimiter.of(
                        TimeLimiterConfig.custom().timeoutDuration(duration).cancelRunningFuture(false).build()));
                return Uni.createFrom().completionStage(limiter.executeCompletionStage(timer, () -> outcome))
                        .onFailure(TimeoutException.class).transform(late -> new DeadlineExceededException(after));
            });
        }

        /** A plain future, which the limiter may complete on time out. */
        private static <T> CompletableFuture<T> started(Uni<T> work) {
            CompletableFuture<T> outcome = new CompletableFuture<>();
            work.subscribe().with(outcome::complete, outcome::completeExceptionally);
            return outcome;
        }

        @PreDestroy
        void stop() {
            timer.shutdownNow();
        }
    }

    /**
     * How long each upstream call made for one request took, retries included, for the request's log line
     * ({@code clerk_get_user=12ms dub_track_lead=20ms}). The request hands its map over once, and it is kept in the
     * request's Vert.x duplicated context, where {@link UpstreamCalls} finds it: an upstream call records into the
     * map of the request it was made for, and its result comes back on that request's context, so the flow's next
     * call does too. A flow that outlives its request (a deadline passed) still records, into a line already written.
     */
    public static final class CallTimings {
        private static final String KEY = CallTimings.class.getName();
        private static final String TRACES = KEY + ".traces";

        private CallTimings() {
        }

        /**
         * The upstream calls made for the request served on this thread's context add their time to {@code timings},
         * and the trace ids the upstreams gave their error answers to {@code traces}, by field name
         * ({@code clerk_trace_id}): what Clerk's support asks for about a failed call.
         */
        public static void collectInto(Map<String, Duration> timings, Map<String, String> traces) {
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(KEY, timings);
                ContextLocals.put(TRACES, traces);
            }
        }

        /** The trace-id map of the request served on this thread's context, or null when none was handed over. */
        static Map<String, String> tracesOfThisRequest() {
            return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(TRACES, null) : null;
        }

        /** The map of the request served on this thread's context, or null when none was handed over. */
        static Map<String, Duration> ofThisRequest() {
            return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY, null) : null;
        }
    }
}
