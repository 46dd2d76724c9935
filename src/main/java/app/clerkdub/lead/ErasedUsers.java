package app.clerkdub.lead;

import io.smallrye.mutiny.Uni;

/**
 * The users deleted in Clerk lately, whose Dub customer is being or was erased: a sign-up or an update of theirs
 * that arrives late (a delivery retried, a request already under way) sends nothing to Dub, so that it cannot make
 * the customer again. Only user ids are kept, and only for a while: past it, Clerk answers 404 for the user, which
 * every flow reads first.
 */
public interface ErasedUsers {
    /** Records that the user is deleted; done before their customer is erased at Dub. */
    Uni<Void> markErased(String userId);

    /** Whether the user was recorded as deleted lately. */
    Uni<Boolean> isErased(String userId);
}
