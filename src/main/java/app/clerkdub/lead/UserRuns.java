package app.clerkdub.lead;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.clerkdub.platform.state.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * The one run per user on this instance, for sign-ups and qualifications alike: the requests and events for a user
 * that overlap here share the run of their kind (one Dub request, one metadata write); a run of the other kind waits
 * for the one under way to end, then starts afresh and reads what it wrote. A run leaves the user's slot when it
 * ends. Across instances the run is one too: the work claims the user in the shared state before its first call
 * ({@code UserFlights}). Only user ids are kept, and only while a run is under way.
 */
@ApplicationScoped
public class UserRuns {
    /** What a run does for the user. */
    public enum Kind {
        SIGN_UP,
        QUALIFICATION
    }

    private final Map<String, Run<?>> users = new ConcurrentHashMap<>();

    /**
     * The user's run of this kind: the one under way, joined, or {@code work} started once the user's slot is free.
     * A run goes on to its end even when every caller stops waiting (a deadline, a closed tab), so what Dub accepted
     * is always recorded on the user. Each caller hears the outcome on its own context.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(String userId, Kind kind, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Run<?> underWay = users.get(userId);
            if (underWay != null) {
                return underWay.kind == kind ? CallerContext.resumeOnCaller((Uni<T>) underWay.result)
                        : CallerContext.resumeOnCaller(underWay.ended()).flatMap(ignored -> once(userId, kind, work));
            }
            Run<T> mine = new Run<>(userId, kind, work);
            if (users.putIfAbsent(userId, mine) != null) {
                return once(userId, kind, work); // another got there first: join it, or wait for it
            }
            // Started here, not by the callers' subscriptions: cancelling them never stops the run.
            mine.result.subscribe().with(result -> { }, failure -> { });
            return CallerContext.resumeOnCaller(mine.result);
        });
    }

    /** The user's run under way, if any, to its end, however it ends. */
    public Uni<Void> underWay(String userId) {
        Run<?> run = users.get(userId);
        return run == null ? Uni.createFrom().voidItem() : run.ended();
    }

    private final class Run<T> {
        final Kind kind;
        final Uni<T> result;

        Run(String userId, Kind kind, Supplier<Uni<T>> work) {
            this.kind = kind;
            // The slot holds the run that ends, since a run starts only once it is in the slot.
            this.result = Uni.createFrom().deferred(work::get).onTermination().invoke(() -> users.remove(userId, this))
                    .memoize().indefinitely();
        }

        Uni<Void> ended() {
            return result.onItemOrFailure().transformToUni((item, failure) -> Uni.createFrom().voidItem());
        }
    }
}
