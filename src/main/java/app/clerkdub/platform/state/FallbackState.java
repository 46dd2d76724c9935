package app.clerkdub.platform.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

import app.clerkdub.platform.state.SharedState.Budget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The shared state with a way out: each decision is asked of Redis, and when Redis fails or takes longer than
 * {@code state.timeout}, of this instance's memory instead (fail open), so that an outage of the store costs no
 * lead and no error. While Redis is away, only one decision a second tries it; the rest go to memory at once.
 * One WARN line says when the fallback starts and one when Redis answers again; {@code state.fallbacks}
 * counts the decisions made in memory.
 * <p>
 * Whichever thread Redis answered on, the caller goes on on its own Vert.x context, as it does after an upstream
 * call, so that what the request keeps in its context is still there.
 */
final class FallbackState implements SharedState {
    private static final Logger LOG = Logger.getLogger(FallbackState.class);
    private static final long PROBE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final SharedState shared;
    private final SharedState local;
    private final Duration timeout;
    private final Counter fallbacks;
    private final AtomicBoolean away = new AtomicBoolean();
    private final AtomicLong nextProbe = new AtomicLong();

    FallbackState(SharedState shared, SharedState local, Duration timeout, MeterRegistry registry) {
        this.shared = shared;
        this.local = local;
        this.timeout = timeout;
        this.fallbacks = Counter.builder("state.fallbacks")
                .description("Decisions made in this instance's memory because the shared state (Redis) did not answer")
                .register(registry);
    }

    @Override
    public Uni<Optional<Duration>> take(List<Want> wants) {
        return decide(state -> state.take(wants));
    }

    @Override
    public Uni<Void> spend(Budget budget, String key) {
        return decide(state -> state.spend(budget, key));
    }

    @Override
    public Uni<Optional<Duration>> exhausted(Budget budget, String key) {
        return decide(state -> state.exhausted(budget, key));
    }

    @Override
    public Uni<Begin> begin(Start start) {
        return decide(state -> state.begin(start));
    }

    @Override
    public Uni<Void> end(End end) {
        return decide(state -> state.end(end));
    }

    @Override
    public Uni<Flight> flight(String userId) {
        return decide(state -> state.flight(userId));
    }

    @Override
    public Uni<Void> markErased(String userId, Duration keptFor) {
        return decide(state -> state.markErased(userId, keptFor));
    }

    @Override
    public Uni<Boolean> isErased(String userId) {
        return decide(state -> state.isErased(userId));
    }

    private <T> Uni<T> decide(Function<SharedState, Uni<T>> decision) {
        return Uni.createFrom().deferred(() -> {
            boolean probe = away.get();
            if (probe && !probing()) {
                fallbacks.increment();
                return decision.apply(local);
            }
            return CallerContext.resumeOnCaller(decision.apply(shared)
                    .ifNoItem().after(timeout).fail()
                    .onItem().invoke(ignored -> answered(probe))
                    .onFailure().recoverWithUni(failure -> {
                        wentAway(failure);
                        return decision.apply(local);
                    }));
        });
    }

    /** Whether this decision is the one a second that tries Redis while it is away. */
    private boolean probing() {
        long now = System.nanoTime();
        long next = nextProbe.get();
        return now - next >= 0 && nextProbe.compareAndSet(next, now + PROBE_EVERY_NANOS);
    }

    /**
     * Only a probe ends the fallback: a decision sent before Redis went away may still be answered after, and says
     * nothing of Redis now.
     */
    private void answered(boolean probe) {
        if (probe && away.compareAndSet(true, false)) {
            LOG.warn("Shared state (Redis) answers again: the fleet shares its budgets, runs and tracked users again");
        }
    }

    private void wentAway(Throwable failure) {
        fallbacks.increment();
        nextProbe.set(System.nanoTime() + PROBE_EVERY_NANOS);
        if (away.compareAndSet(false, true)) {
            // The failure's type only: a message may quote the Redis URL, which can hold its password.
            LOG.warnf("Shared state (Redis) did not answer (%s): each instance decides from its own memory until it does",
                    failure.getClass().getSimpleName());
        }
    }
}
