package app.clerkdub.api.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same deliveries against the packaged application (the jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class ClerkWebhookIT extends ClerkWebhookTest {
}
