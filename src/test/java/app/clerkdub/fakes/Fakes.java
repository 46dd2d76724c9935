package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock fakes of Clerk's Frontend API (the JWKS), Clerk's Backend API and Dub, and points
 * the service at them. The servers live in the test JVM, so a {@code @QuarkusIntegrationTest} on the
 * packaged jar uses the same ones.
 */
public class Fakes implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer clerkFrontend;
    private static ClerkFake clerk;
    private static DubFake dub;

    @Override
    public Map<String, String> start() {
        if (clerkFrontend == null) {
            clerkFrontend = started();
            clerk = new ClerkFake(started());
            dub = new DubFake(started());
        }
        serveJwks();
        SentSecrets.record();
        return Map.of(
                "clerk.issuer", clerkFrontendUrl(),
                "clerk.api-url", clerk.server().baseUrl(),
                "dub.api-url", dub.server().baseUrl());
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

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(32));
        server.start();
        return server;
    }
}
