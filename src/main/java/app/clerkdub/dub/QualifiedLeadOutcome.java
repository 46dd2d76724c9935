package app.clerkdub.dub;

/** What Dub did with a deferred customer's qualified lead. */
public enum QualifiedLeadOutcome {
    /** Recorded, and credited to the click stored on the customer at sign-up. */
    RECORDED,
    /** Dub already had this customer's qualified lead (its 7-day dedup). */
    DUPLICATE,
    /** Dub has no such customer, or no click on it (deleted there): nothing to credit, never worth retrying. */
    NO_CUSTOMER
}
