package app.clerkdub.platform.state;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The users deleted in Clerk lately, whose Dub customer is being or was erased, kept in {@link SharedState} so that
 * every instance knows: a sign-up or an update of theirs that arrives late (a delivery retried, a request under way
 * on another instance) sends nothing to Dub, so that it cannot make the customer again. Only user ids are kept, and
 * only for a while: two days cover Svix's retries of a sign-up (about a day and a half); past them, Clerk answers
 * 404 for the user, which every flow reads first.
 */
@ApplicationScoped
public class ErasedUsers {
    static final Duration REMEMBERED_FOR = Duration.ofDays(2);

    private final SharedState state;

    ErasedUsers(SharedState state) {
        this.state = state;
    }

    /** Records that the user is deleted; done before their customer is erased at Dub. */
    public Uni<Void> markErased(String userId) {
        return state.markErased(userId, REMEMBERED_FOR);
    }

    /** Whether the user was recorded as deleted lately. */
    public Uni<Boolean> isErased(String userId) {
        return state.isErased(userId);
    }
}
