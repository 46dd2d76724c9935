package app.clerkdub;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class AlreadyTrackedShortcutIT extends AlreadyTrackedShortcutTest {
}
