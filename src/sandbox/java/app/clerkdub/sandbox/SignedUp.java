package app.clerkdub.sandbox;

import java.util.Map;

/**
 * The answer to a sandbox sign-up: the Clerk user, its session, a first session token, and how the service
 * answered the {@code user.created} webhook.
 */
record SignedUp(Map<String, Object> user, String sessionId, String jwt, ClerkWebhookSender.WebhookDelivery webhook) {
}
