package app.clerkdub.lead;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import app.clerkdub.clerk.ClickIdMetadata;
import app.clerkdub.lead.quota.QuotaConfig;
import app.clerkdub.upstream.KeyedLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The users this instance is tracking or tracked lately, in one bounded map: a user's run while it is under way
 * (the requests for the user that overlap share it), then, once it ended well, the mark that the user is
 * tracked, kept for {@code quota.tracked-for}, so that a session token minted before the mark costs no
 * upstream call. Only user ids are kept.
 * <p>
 * A mark weighs one against {@code quota.tracked-users} and expires; a run (or a qualification) weighs nothing, which Caffeine never
 * evicts by size, and never expires, so that no bound can drop a run under way and let a second one start. The
 * map's shape (weighed, expiring per entry) is Caffeine's {@code SSMWA} with nodes {@code PSWMW}, which Caffeine
 * loads by name: registered for the native image (see {@code KeyedLimits}).
 */
@ApplicationScoped
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMWA",
        "com.github.benmanes.caffeine.cache.PSWMW" })
class UserRuns {
    /** What the map holds for a user. */
    sealed interface Entry {
    }

    /** A run under way, shared by every request for the user until it ends. */
    record Running(Uni<LeadResult> result) implements Entry {
    }

    /**
     * A qualification under way ({@link Qualification}): in the same slot as a sign-up's run, so that neither starts
     * while the other runs for the user (each waits for the other to end, then reads the user afresh).
     */
    record Qualifying(Uni<QualifyResult> result) implements Entry {
    }

    /** A run here ended well, so the user's metadata records the lead: {@code recorded} is what it holds. */
    record Tracked(ClickIdMetadata recorded) implements Entry {
    }

    /** How long a run is kept: as long as it runs, since it leaves by {@link #ended} only. */
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    private final Cache<String, Entry> users;

    UserRuns(QuotaConfig quota, MeterRegistry registry) {
        long markedForNanos = quota.trackedFor().toNanos();
        this.users = Caffeine.newBuilder()
                .maximumWeight(quota.trackedUsers())
                .weigher((String user, Entry entry) -> entry instanceof Tracked ? 1 : 0)
                .expireAfter(Expiry.writing((String user, Entry entry) ->
                        entry instanceof Tracked ? Duration.ofNanos(markedForNanos) : FOREVER))
                .build();
        KeyedLimits.entriesGauge(registry, "tracked_users", users, cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        });
    }

    /** The user's run under way or mark, if any. */
    Entry of(String userId) {
        return users.getIfPresent(userId);
    }

    /** Puts the run in, unless the user has an entry already: then that entry, and the run is not put in. */
    Entry start(String userId, Running run) {
        return users.asMap().putIfAbsent(userId, run);
    }

    /**
     * Puts the qualification in unless a run or another qualification is under way (a mark gives way to it): then
     * that one, and the qualification is not put in.
     */
    Entry startQualifying(String userId, Qualifying run) {
        Entry[] earlier = new Entry[1];
        users.asMap().compute(userId, (user, entry) -> {
            earlier[0] = entry instanceof Tracked ? null : entry;
            return earlier[0] == null ? run : entry;
        });
        return earlier[0];
    }

    /** The qualification ended: the mark of what the user's record holds in its place, when that is known. */
    void qualifyingEnded(String userId, Optional<ClickIdMetadata> recorded) {
        users.asMap().computeIfPresent(userId,
                (user, entry) -> entry instanceof Qualifying ? recorded.map(Tracked::new).orElse(null) : entry);
    }

    /**
     * The user's run ended: a mark of what the user's record now holds in its place when it ended well, else
     * nothing, so that the next request runs.
     */
    void ended(String userId, Optional<ClickIdMetadata> recorded) {
        users.asMap().computeIfPresent(userId,
                (user, entry) -> entry instanceof Running ? recorded.map(Tracked::new).orElse(null) : entry);
    }
}
