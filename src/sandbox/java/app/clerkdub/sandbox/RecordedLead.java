package app.clerkdub.sandbox;

import java.time.Instant;

/** A lead event the sandbox Dub recorded, as its events stream would list it. */
public record RecordedLead(Instant timestamp, String eventName, String clickId, String linkId, String shortLink,
        DubCustomer customer) {
}
