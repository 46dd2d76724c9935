package app.clerkdub.lead;

/** How a change of a user reached, or did not need to reach, their customer at Dub; each is final for its event. */
public enum SyncResult implements Outcome {
    /** Dub deleted the customer. */
    ERASED,
    /** Dub now holds the user's current name, email and avatar. */
    UPDATED,
    /** Dub already holds the user's current name, email and avatar: nothing sent. */
    UNCHANGED,
    /** Dub holds no customer for the user (never came through a link, or deleted already): nothing to change. */
    UNKNOWN_CUSTOMER,
    /** Clerk no longer knows the user, or the user was deleted lately: nothing sent. */
    USER_NOT_FOUND,
    /** DUB_CUSTOMER_SYNC leaves this change out. */
    NOT_SYNCED
}
