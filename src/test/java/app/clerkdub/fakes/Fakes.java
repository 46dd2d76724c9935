package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock fakes of Clerk's Frontend API (the JWKS), Clerk's Backend API and Dub, and points
 * the service at them; also gives the service's management interface a free port that the tests know
 * ({@link #managementPort()}). The servers live in the test JVM, so a {@code @QuarkusIntegrationTest} on the
 * packaged jar uses the same ones.
 */
public class Fakes implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer clerkFrontend;
    private static ClerkFake clerk;
    private static DubFake dub;
    private static int managementPort;

    @Override
    public Map<String, String> start() {
        if (clerkFrontend == null) {
            clerkFrontend = started();
            clerk = new ClerkFake(started());
            dub = new DubFake(started());
        }
        if (managementPort == 0) {
            managementPort = freePort();
        }
        serveJwks();
        SentSecrets.record();
        return Map.of(
                "clerk.issuer", clerkFrontendUrl(),
                "clerk.api-url", clerk.server().baseUrl(),
                "dub.api-url", dub.server().baseUrl(),
                // A port known to the tests, for @QuarkusTest and for the packaged jar alike (the integration
                // tests learn the jar's HTTP port from its log, but not its management port).
                "quarkus.management.test-port", Integer.toString(managementPort),
                "quarkus.management.port", Integer.toString(managementPort));
    }

    /** The port of the management interface, where health, metrics and the OpenAPI document answer (under /q). */
    public static int managementPort() {
        return managementPort;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the run and end with the JVM.
    }

    public static String clerkFrontendUrl() {
        return "http://localhost:" + clerkFrontend.port();
    }

    public static WireMockServer clerkFrontend() {
        return clerkFrontend;
    }

    public static ClerkFake clerk() {
        return clerk;
    }

    public static DubFake dub() {
        return dub;
    }

    /** Forgets every request and stub, then serves the JWKS again. */
    public static void reset() {
        clerk.server().resetAll();
        dub.server().resetAll();
        clerkFrontend.resetRequests();
        serveJwks();
        SentSecrets.record();
    }

    private static void serveJwks() {
        clerkFrontend.resetMappings();
        clerkFrontend.stubFor(get("/.well-known/jwks.json").willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(SessionTokens.jwks())));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static WireMockServer started() {
        // One acceptor: Jetty warns when there are more than cores, as on a 2-core machine. WireMock's own
        // notices are dropped, its errors logged.
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(32)
                .jettyAcceptors(1).notifier(new Slf4jNotifier(false)));
        server.start();
        return server;
    }
}
