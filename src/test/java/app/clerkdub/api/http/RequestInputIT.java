package app.clerkdub.api.http;

import static app.clerkdub.fakes.Requests.ARTIFACT;
import static app.clerkdub.fakes.Requests.LAMBDA;
import static app.clerkdub.fakes.Requests.NO_PORT_ON_LAMBDA;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = ARTIFACT, matches = LAMBDA, disabledReason = NO_PORT_ON_LAMBDA)
class RequestInputIT extends RequestInputTest {
}
