package app.clerkdub.platform.logging;

/**
 * How one request to the endpoint or one webhook delivery ended, fired as a synchronous CDI event right after its
 * log line, for whatever reports it elsewhere: the Lambda build writes it as a CloudWatch Embedded Metric Format
 * line ({@code app.clerkdub.lambda.EmbeddedMetrics}); the container's build has no observer, and the event then
 * costs a lookup of none. Its values are bounded tags and numbers, never a user's id, a token or a key.
 *
 * @param flow    {@code lead} (POST /api/track-lead) or {@code webhook} (a Clerk delivery)
 * @param outcome what the log line's {@code outcome} field holds: the status or error code, the webhook's result
 * @param status  the HTTP status of the answer
 * @param millis  how long the request or delivery took
 * @param event   the delivery's event type as its {@code webhooks.outcomes} tag names it ({@code user.created},
 *                {@code other}, {@code unknown}); null for a lead
 */
public record RequestEnded(String flow, String outcome, int status, long millis, String event) {
    public static final String LEAD = "lead";
    public static final String WEBHOOK = "webhook";
}
