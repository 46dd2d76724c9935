package app.clerkdub.api.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class RequestInputIT extends RequestInputTest {
}
