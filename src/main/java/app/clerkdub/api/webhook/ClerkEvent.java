package app.clerkdub.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Clerk's webhook envelope (its spec's {@code WebhookEventPayload}): the event's type names its handler
 * ({@link EventHandler}), which reads {@code data}. Read with the application's {@code ObjectMapper} outside the REST
 * layer, which registers nothing for it: hence the annotation, for the native binary.
 */
@RegisterForReflection
record ClerkEvent(String type, JsonNode data) {
}
