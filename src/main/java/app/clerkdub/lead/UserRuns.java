package app.clerkdub.lead;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The runs under way on this instance, one slot per user: the requests and events for a user that overlap here
 * share the run (one Dub request, one metadata write), and a run leaves its slot when it ends. Across instances the
 * run is one too: it claims the user in the shared state before its first call ({@code UserFlights}). Only user ids
 * are kept, and only while a run is under way.
 */
@ApplicationScoped
class UserRuns {
    /** What the slot holds for a user. */
    sealed interface Entry {
    }

    /** A sign-up's run under way, shared by every request for the user until it ends. */
    record Running(Uni<LeadResult> result) implements Entry {
    }

    /**
     * A qualification under way ({@link Qualification}): in the same slot as a sign-up's run, so that neither starts
     * while the other runs for the user (each waits for the other to end, then reads the user afresh).
     */
    record Qualifying(Uni<QualifyResult> result) implements Entry {
    }

    private final Map<String, Entry> users = new ConcurrentHashMap<>();

    /** The user's run under way, if any. */
    Entry of(String userId) {
        return users.get(userId);
    }

    /** Puts the run in, unless the user has one under way: then that one, and this one is not put in. */
    Entry start(String userId, Entry run) {
        return users.putIfAbsent(userId, run);
    }

    /**
     * The user's run ended, however: the next request for the user starts afresh. The slot holds the run that ends,
     * since a run starts only once it is in the slot and leaves it only here.
     */
    void ended(String userId) {
        users.remove(userId);
    }
}
