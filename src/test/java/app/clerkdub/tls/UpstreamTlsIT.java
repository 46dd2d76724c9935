package app.clerkdub.tls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class UpstreamTlsIT extends UpstreamTlsTest {
}
