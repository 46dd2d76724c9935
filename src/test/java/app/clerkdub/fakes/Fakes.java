package app.clerkdub.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.DevServicesContext;
import app.clerkdub.sandbox.Simulation;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock fakes of Clerk's Frontend API (the JWKS), Clerk's Backend API and Dub, and points
 * the service at them. Clerk's Backend API and Dub answer as the sandbox's {@link Simulation} does, unless a
 * test stubs an answer of its own; WireMock's journal records what the service sent. It also gives the service's
 * management interface a free port that the tests know ({@link #managementPort()}). The servers live in the test
 * JVM, so a {@code @QuarkusIntegrationTest} on the packaged jar uses the same ones.
 *
 * <p>Plain HTTP by default. With the init argument {@value #TLS} set to {@value #HTTPS} the fakes answer over
 * HTTPS only, with certificates made at test start ({@link FakeCertificates}), and the service trusts the
 * fakes' certificate through configuration, as production trusts Clerk's and Dub's. The service reaches Clerk's
 * Backend API and Dub through a {@link Relay} each, so that a test can put fakes that present an untrusted
 * certificate behind the same URLs ({@link #present}) without a start of its own.
 */
public class Fakes implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {
    /** The init argument that serves the fakes over HTTPS: {@code @ResourceArg(name = Fakes.TLS, value = Fakes.HTTPS)}. */
    public static final String TLS = "tls";
    /** The value of {@value #TLS} for fakes over HTTPS only. */
    public static final String HTTPS = "https";
    /** The TLS configuration (Quarkus TLS registry) through which the service trusts the fakes. */
    static final String TLS_CONFIGURATION = "fakes";

    /** How the fakes are served: plain, or over HTTPS with the certificate that Clerk's Backend API and Dub present. */
    public enum Tls {
        /** Plain HTTP. */
        NONE,
        /** HTTPS only, with a certificate the service trusts. */
        TRUSTED,
        /**
         * HTTPS only; Clerk's Backend API and Dub present a certificate that the service does not trust (the
         * JWKS stays on the trusted one, so that a session token still gets as far as the upstream calls).
         */
        UNTRUSTED
    }

    private static final Map<Tls, Servers> SERVERS = new HashMap<>();
    private static Servers current;
    /** Over HTTPS, where the service reaches Clerk's Backend API and Dub: in front of the trusted or untrusted ones. */
    private static Relay clerkRelay;
    private static Relay dubRelay;
    private static int managementPort;
    private boolean https;
    /** Set for an integration test, which starts the packaged application. */
    private boolean packaged;

    private record Servers(Tls tls, Simulation simulation, WireMockServer clerkFrontend, ClerkFake clerk, DubFake dub) {
        String url(WireMockServer server) {
            return tls == Tls.NONE ? "http://localhost:" + server.port() : "https://localhost:" + server.httpsPort();
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        https = HTTPS.equals(initArgs.get(TLS));
    }

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        packaged = true;
    }

    @Override
    public Map<String, String> start() {
        current = servers(https ? Tls.TRUSTED : Tls.NONE);
        if (managementPort == 0) {
            managementPort = freePort();
        }
        serve();
        String clerkUrl = current.url(current.clerk().server());
        String dubUrl = current.url(current.dub().server());
        if (https) {
            servers(Tls.UNTRUSTED);
            clerkRelay = relay(clerkRelay, current.clerk().server());
            dubRelay = relay(dubRelay, current.dub().server());
            clerkUrl = "https://localhost:" + clerkRelay.port();
            dubUrl = "https://localhost:" + dubRelay.port();
        }
        // The packaged application has no test class path: it gets the tests' settings from here.
        Map<String, String> config = packaged ? TestSettings.all() : new HashMap<>();
        config.putAll(Map.of(
                "clerk.issuer", clerkFrontendUrl(),
                "clerk.api-url", clerkUrl,
                "dub.api-url", dubUrl,
                // A port known to the tests, for @QuarkusTest and for the packaged jar alike (the integration
                // tests learn the jar's HTTP port from its log, but not its management port).
                "quarkus.management.test-port", Integer.toString(managementPort),
                "quarkus.management.port", Integer.toString(managementPort)));
        if (https) {
            // The fakes' certificate, trusted the way an operator would trust a private CA: one named TLS
            // configuration, used by every client that reaches an upstream (the REST clients and the JWKS fetch
            // of quarkus-oidc). Nothing is trusted blindly: hostnames are verified (the certificate names
            // localhost).
            String prefix = "quarkus.tls." + TLS_CONFIGURATION + ".";
            config.put(prefix + "trust-store.p12.path", FakeCertificates.trustStore().toAbsolutePath().toString());
            config.put(prefix + "trust-store.p12.password", FakeCertificates.PASSWORD);
            for (String client : new String[] { "clerk-api", "dub-api", "clerk-frontend" }) {
                config.put("quarkus.rest-client." + client + ".tls-configuration-name", TLS_CONFIGURATION);
            }
            config.put("quarkus.oidc.tls.tls-configuration-name", TLS_CONFIGURATION);
        }
        return config;
    }

    /** The port of the management interface, where health, metrics and the OpenAPI document answer (under /q). */
    public static int managementPort() {
        return managementPort;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the run and end with the JVM.
    }

    /** The issuer: the base URL of the fake Frontend API, http or https as the fakes are served. */
    public static String clerkFrontendUrl() {
        return current.url(current.clerkFrontend());
    }

    public static WireMockServer clerkFrontend() {
        return current.clerkFrontend();
    }

    public static ClerkFake clerk() {
        return current.clerk();
    }

    public static DubFake dub() {
        return current.dub();
    }

    /** Simulated Clerk and Dub behind the fakes: clicks to make, leads and sales recorded, users as they are now. */
    public static Simulation simulation() {
        return current.simulation();
    }

    /** How the fakes that the service talks to now are served. */
    public static Tls tls() {
        return current.tls();
    }

    /**
     * Over HTTPS: puts the fakes of Clerk's Backend API and Dub that present this certificate behind the URLs the
     * service has, and makes them the ones this class answers for; the JWKS stays where it is, on the trusted
     * certificate, so that a session token still gets as far as the upstream calls.
     */
    public static void present(Tls certificate) {
        if (certificate == Tls.NONE || clerkRelay == null) {
            throw new IllegalStateException("the fakes are not served over HTTPS");
        }
        current = servers(certificate);
        clerkRelay.target(current.clerk().server().httpsPort());
        dubRelay.target(current.dub().server().httpsPort());
        serve();
    }

    private static Relay relay(Relay relay, WireMockServer server) {
        if (relay == null) {
            return new Relay(server.httpsPort());
        }
        relay.target(server.httpsPort());
        return relay;
    }

    /** Forgets every request, stub, user and lead, then serves the JWKS and the simulation again. */
    public static void reset() {
        current.clerk().server().resetAll();
        current.dub().server().resetAll();
        current.clerkFrontend().resetRequests();
        current.simulation().reset();
        serve();
    }

    private static void serve() {
        WireMockServer clerkFrontend = current.clerkFrontend();
        clerkFrontend.resetMappings();
        clerkFrontend.stubFor(get("/.well-known/jwks.json").willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(SessionTokens.jwks())));
        for (WireMockServer upstream : new WireMockServer[] { current.clerk().server(), current.dub().server() }) {
            upstream.stubFor(any(anyUrl()).atPriority(Simulated.LAST).willReturn(Simulated.answer()));
        }
        SentSecrets.record();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static Servers servers(Tls tls) {
        return SERVERS.computeIfAbsent(tls, Fakes::started);
    }

    /**
     * Clerk's and Dub's fakes serve one simulation; in {@link Tls#UNTRUSTED} they present the untrusted
     * certificate, beside the one JWKS of {@link Tls#TRUSTED}.
     */
    private static Servers started(Tls tls) {
        Simulation simulation = new Simulation(ClerkFake.SECRET_KEY, DubFake.API_KEY);
        java.nio.file.Path frontend = tls == Tls.NONE ? null : FakeCertificates.trusted();
        java.nio.file.Path upstreams = tls == Tls.UNTRUSTED ? FakeCertificates.untrusted() : frontend;
        WireMockServer jwks = tls == Tls.UNTRUSTED ? SERVERS.get(Tls.TRUSTED).clerkFrontend() : started(frontend, null);
        return new Servers(tls, simulation, jwks,
                new ClerkFake(started(upstreams, new Simulated(simulation::clerk)), simulation),
                new DubFake(started(upstreams, new Simulated(simulation::dub))));
    }

    /** Plain HTTP without a key store; HTTPS only (no HTTP port at all) with one. */
    private static WireMockServer started(java.nio.file.Path keyStore, Simulated simulated) {
        // One acceptor: Jetty warns when there are more than cores, as on a 2-core machine. WireMock's own
        // notices are dropped, its errors logged.
        WireMockConfiguration options = wireMockConfig().containerThreads(32)
                .jettyAcceptors(1).notifier(new Slf4jNotifier(false));
        if (simulated != null) {
            options.extensions(simulated);
        }
        if (keyStore == null) {
            options.dynamicPort();
        } else {
            options.httpDisabled(true).dynamicHttpsPort()
                    .keystorePath(keyStore.toAbsolutePath().toString()).keystoreType("PKCS12")
                    .keystorePassword(FakeCertificates.PASSWORD).keyManagerPassword(FakeCertificates.PASSWORD);
        }
        WireMockServer server = new WireMockServer(options);
        server.start();
        return server;
    }
}
