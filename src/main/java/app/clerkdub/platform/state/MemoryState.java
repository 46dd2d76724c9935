package app.clerkdub.platform.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import app.clerkdub.platform.state.SharedState.Budget;

/**
 * The state of one instance, in bounded maps: the default, and where {@link FallbackState} decides while Redis is
 * away. Decisions hold one lock for the microseconds they take, which makes each of them atomic as a Redis script
 * is.
 * <p>
 * Every map is bounded, so that a flood of users or addresses cannot fill the heap: past the bound the least
 * recently used keys are forgotten (their budget starts whole again). A run under way weighs nothing, so no bound
 * drops it. Caffeine loads the classes of a cache's shape by name, so a native image holds them only when they are
 * registered here: size-bounded and expiring after access ({@code SSMSA}, nodes {@code PSAMS}), weighed and expiring
 * per entry ({@code SSMWA}, nodes {@code PSWMW}).
 */
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS", "com.github.benmanes.caffeine.cache.SSMWA",
        "com.github.benmanes.caffeine.cache.PSWMW" })
public final class MemoryState implements SharedState {
    /** A key's budget: when its period ends, and what it spent in it. */
    private record Window(long endsAtNanos, int used) {
        Duration left(long now) {
            return Duration.ofNanos(Math.max(1, endsAtNanos - now));
        }
    }

    /** A user's entry: a run under way (its owner), or a run that ended with an outcome to tell. */
    private record FlightEntry(String owner, String outcome, Duration keptFor) {
    }

    /** A tracked user's record, kept for {@code keptFor}. */
    private record Mark(String recorded, Duration keptFor) {
    }

    private final int maxKeys;
    private final Map<String, Cache<String, Window>> budgets = new ConcurrentHashMap<>();
    private final Cache<String, Mark> tracked;
    private final Cache<String, FlightEntry> flights;
    private final Cache<String, Mark> erased;
    private final MeterRegistry registry;

    public MemoryState(QuotaConfig quota, MeterRegistry registry) {
        this.maxKeys = quota.maxKeys();
        this.registry = registry;
        this.tracked = Caffeine.newBuilder().maximumWeight(quota.trackedUsers())
                .weigher((String user, Mark mark) -> 1)
                .expireAfter(Expiry.writing((String user, Mark mark) -> mark.keptFor()))
                .build();
        this.flights = Caffeine.newBuilder().maximumWeight(maxKeys)
                .weigher((String user, FlightEntry entry) -> entry.owner() == null ? 1 : 0)
                .expireAfter(Expiry.writing((String user, FlightEntry entry) -> entry.keptFor()))
                .build();
        this.erased = Caffeine.newBuilder().maximumWeight(quota.trackedUsers())
                .weigher((String user, Mark mark) -> 1)
                .expireAfter(Expiry.writing((String user, Mark mark) -> mark.keptFor()))
                .build();
        gauge("tracked_users", tracked);
        gauge("erased_users", erased);
    }

    @Override
    public synchronized Uni<Optional<Duration>> take(List<Want> wants) {
        long now = System.nanoTime();
        Duration wait = Duration.ZERO;
        for (Want want : wants) {
            Window window = window(want.budget(), want.key(), now);
            if (window.used() + want.units() > want.budget().limit() && window.left(now).compareTo(wait) > 0) {
                wait = window.left(now);
            }
        }
        if (!wait.isZero()) {
            return Uni.createFrom().item(Optional.of(wait));
        }
        wants.forEach(want -> add(want.budget(), want.key(), want.units(), now));
        return Uni.createFrom().item(Optional.empty());
    }

    @Override
    public synchronized Uni<Void> spend(Budget budget, String key) {
        add(budget, key, 1, System.nanoTime());
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Optional<Duration>> exhausted(Budget budget, String key) {
        long now = System.nanoTime();
        Window window = window(budget, key, now);
        return Uni.createFrom().item(window.used() < budget.limit() ? Optional.empty() : Optional.of(window.left(now)));
    }

    @Override
    public synchronized Uni<Begin> begin(Start start) {
        Mark mark = start.answersTracked() ? tracked.getIfPresent(start.userId()) : null;
        if (mark != null) {
            return Uni.createFrom().item(new Tracked(mark.recorded()));
        }
        FlightEntry flight = flights.getIfPresent(start.userId());
        if (flight != null && flight.owner() != null) {
            return Uni.createFrom().item(new Taken());
        }
        if (start.runs().isPresent()) {
            Budget runs = start.runs().get();
            long now = System.nanoTime();
            Window window = window(runs, start.userId(), now);
            if (window.used() >= runs.limit()) {
                return Uni.createFrom().item(new Limited(window.left(now)));
            }
            add(runs, start.userId(), 1, now);
        }
        flights.put(start.userId(), new FlightEntry(start.owner(), null, start.lease()));
        return Uni.createFrom().item(new Claimed(start.owner()));
    }

    @Override
    public synchronized Uni<Void> end(End end) {
        if (end.recorded().isPresent() && !end.trackedFor().isZero() && !end.trackedFor().isNegative()) {
            tracked.put(end.userId(), new Mark(end.recorded().get(), end.trackedFor()));
        }
        FlightEntry flight = flights.getIfPresent(end.userId());
        if (flight != null && end.owner().equals(flight.owner())) {
            if (end.outcome().isPresent()) {
                flights.put(end.userId(), new FlightEntry(null, end.outcome().get(), end.outcomeFor()));
            } else {
                flights.invalidate(end.userId());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Flight> flight(String userId) {
        FlightEntry flight = flights.getIfPresent(userId);
        return Uni.createFrom().item(flight == null ? new Idle()
                : flight.owner() != null ? new Running() : new Done(flight.outcome()));
    }

    @Override
    public Uni<Void> markErased(String userId, Duration keptFor) {
        erased.put(userId, new Mark("erased", keptFor));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> isErased(String userId) {
        return Uni.createFrom().item(erased.getIfPresent(userId) != null);
    }

    /** The key's window now: a new, empty one when its period ended. */
    private Window window(Budget budget, String key, long now) {
        Window window = keys(budget).getIfPresent(key);
        return window == null || window.endsAtNanos() - now <= 0
                ? new Window(now + budget.period().toNanos(), 0) : window;
    }

    private void add(Budget budget, String key, int units, long now) {
        Window window = window(budget, key, now);
        keys(budget).put(key, new Window(window.endsAtNanos(), window.used() + units));
    }

    private Cache<String, Window> keys(Budget budget) {
        return budgets.computeIfAbsent(budget.name(), name -> {
            // A key untouched for a whole period is whole again: forgetting it then loses nothing.
            Cache<String, Window> keys = Caffeine.newBuilder().maximumSize(maxKeys)
                    .expireAfterAccess(budget.period()).build();
            gauge(name, keys);
            return keys;
        });
    }

    /** The {@code quota.entries} gauge: how many entries one of the bounded maps holds. */
    private void gauge(String map, Cache<String, ?> cache) {
        Gauge.builder("quota.entries", cache, entries -> {
            entries.cleanUp();
            return entries.estimatedSize();
        }).description("Entries in the bounded in-memory maps: tracked users, per-user, per-address and upstream budgets")
                .tag("map", map).register(registry);
    }
}
