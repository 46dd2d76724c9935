package app.clerkdub.dub;

/** What Dub did with a sale. */
public enum SaleOutcome {
    /** Recorded for the customer's lead (or, for an invoice id Dub had seen, its earlier answer again). */
    RECORDED,
    /** Dub knows no lead for this customer (and event name): nothing recorded, never worth retrying. */
    NOT_ATTRIBUTED
}
