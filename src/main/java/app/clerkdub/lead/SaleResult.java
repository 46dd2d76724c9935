package app.clerkdub.lead;

/** How a payment ended; every one is final for the event that told it. */
public enum SaleResult implements Outcome {
    /** Dub recorded the sale for the payer's lead (or, for an invoice id it had seen, its earlier answer again). */
    SALE_RECORDED,
    /** Dub holds no lead for the payer, or the paying organization has no member to credit: nobody's click. */
    NOT_ATTRIBUTED,
    /** The attempt is not paid (yet): no sale. */
    NOT_PAID,
    /** Paid, but nothing: no sale. */
    FREE
}
