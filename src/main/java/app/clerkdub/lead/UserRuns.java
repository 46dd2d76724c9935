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
 * A mark weighs one against {@code quota.tracked-users} and expires; a run weighs nothing, which Caffeine never
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
                .weigher((String user, Entry entry) -> entry instanceof Running ? 0 : 1)
                .expireAfter(Expiry.writing((String user, Entry entry) ->
                        entry instanceof Running ? FOREVER : Duration.ofNanos(markedForNanos)))
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
     * The user's run ended: a mark of what the user's record now holds in its place when it ended well, else
     * nothing, so that the next request runs.
     */
    void ended(String userId, Optional<ClickIdMetadata> recorded) {
        users.asMap().computeIfPresent(userId,
                (user, entry) -> entry instanceof Running ? recorded.map(Tracked::new).orElse(null) : entry);
    }
}
