package app.clerkdub.api.webhook;

import app.clerkdub.lead.Outcome;

/** The results of a delivery that no use case tells: Svix hears 2xx, since every retry would end the same. */
enum DeliveryResult implements Outcome {
    /** A payload that would fail on every retry. */
    INVALID_PAYLOAD,
    /** An event type no handler takes. */
    UNHANDLED_EVENT,
    /** A sign-up's click id that is no click id. */
    INVALID_CLICK_ID,
    /** Deleted before the delivery arrived. */
    USER_NOT_FOUND
}
