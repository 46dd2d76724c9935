package app.clerkdub.lead;

/** How a qualification ended; every one is final for the event that asked for it. */
public enum QualifyResult implements Outcome {
    /** Dub recorded the qualified lead, and the user's metadata says so. */
    QUALIFIED,
    /** Dub already had the qualified lead (its dedup); the user's metadata now says so. */
    DUPLICATE,
    /** The user's metadata already said qualified (or Dub had lost the customer): nothing sent. */
    ALREADY_QUALIFIED,
    /**
     * The user's sign-up was not handled yet: the user's metadata now says qualified first, and the sign-up sends
     * the qualified lead right after its deferred call.
     */
    AWAITING_SIGN_UP,
    /** No deferred lead to qualify: the user came through no link, or was tracked before deferred mode. */
    NO_LEAD,
    /** Dub had no customer, or no click on it: nothing to credit; the user's metadata says so. */
    NO_CUSTOMER,
    /** Clerk no longer knows the user. */
    USER_NOT_FOUND,
    /** Not a qualification: deferred mode is off, DUB_QUALIFY_ON leaves the event out, or dubQualified is not true. */
    NOT_QUALIFYING
}
