package app.clerkdub.dub;

/** What Dub did with a lead. */
public enum LeadOutcome {
    /** Recorded and credited to the link. */
    TRACKED,
    /** Dub already had this customer's lead for this event name (its 7-day dedup). */
    DUPLICATE,
    /** Dub knows no such click, or its link is disabled: nothing to credit, and never worth retrying. */
    UNKNOWN_CLICK
}
