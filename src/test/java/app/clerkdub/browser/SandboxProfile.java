package app.clerkdub.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import app.clerkdub.sandbox.SandboxDefaults;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with both upstreams played by its sandbox, on a port chosen up front: the example.test
 * origins that browsers use (mapped to 127.0.0.1 by Chromium) must be listed exactly, port included, as
 * authorized parties and CORS origins.
 */
public class SandboxProfile implements QuarkusTestProfile {
    public static final int PORT = freePort();
    public static final String APP_ORIGIN = "http://app.example.test:" + PORT;
    public static final String API_ORIGIN = "http://api.example.test:" + PORT;
    /** An origin the service does not allow. */
    public static final String OTHER_ORIGIN = "http://other.example.test:" + PORT;
    public static final String LOCAL_ORIGIN = "http://localhost:" + PORT;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(PORT));
        config.putAll(SandboxDefaults.routes());
        config.putAll(SandboxDefaults.clerk(LOCAL_ORIGIN, LOCAL_ORIGIN + "," + APP_ORIGIN));
        config.putAll(SandboxDefaults.dub(LOCAL_ORIGIN));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
