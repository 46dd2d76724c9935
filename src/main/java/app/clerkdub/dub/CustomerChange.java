package app.clerkdub.dub;

/** What Dub did with a change to a customer (an update, an erasure). */
public enum CustomerChange {
    /** Dub held the customer and applied the change. */
    APPLIED,
    /** Dub holds no such customer (its 404): the user never came through a link, or it was deleted already. */
    NO_CUSTOMER
}
