package app.clerkdub.api.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of a 2xx: {@code {"ok":true,"event":"user.created","result":"tracked"}}. Svix only reads the
 * status; the result is for whoever looks at the delivery in Clerk's dashboard. Written outside the REST layer,
 * hence registered for the native binary.
 */
@RegisterForReflection
record WebhookAnswer(boolean ok, String event, String result) {
}
