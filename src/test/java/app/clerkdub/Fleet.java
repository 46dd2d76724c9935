package app.clerkdub;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.RedisServer;
import io.restassured.RestAssured;

/**
 * Instances of the packaged application (as {@link StartRefusalIT} starts it) against the fakes of Clerk and Dub,
 * sharing one Redis under a key prefix of their own, configured by environment variables only, as a fleet is.
 */
final class Fleet implements AutoCloseable {
    /** One instance: its public port and its management port. */
    record Instance(Process process, int port, int managementPort, Path log) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    final RedisServer redis;
    final List<Instance> instances = new ArrayList<>();

    private Fleet(RedisServer redis) {
        this.redis = redis;
    }

    /** {@code size} instances with {@code settings} beside the fakes' and the shared Redis', each answering. */
    static Fleet start(int size, Map<String, String> settings) throws IOException {
        RedisServer redis = RedisServer.start();
        Fleet fleet = new Fleet(redis);
        Map<String, String> fakes = new Fakes().start();
        String prefix = "fleet-" + UUID.randomUUID() + ":";
        for (int i = 0; i < size; i++) {
            int port = freePort(), management = freePort();
            ProcessBuilder builder = StartRefusalIT.packagedApplication();
            Path log = Files.createTempFile("fleet-instance-" + i, ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.putAll(Map.of("PORT", Integer.toString(port), "MANAGEMENT_PORT", Integer.toString(management),
                    "CLERK_SECRET_KEY", ClerkFake.SECRET_KEY, "DUB_API_KEY", DubFake.API_KEY,
                    "CLERK_ISSUER", fakes.get("clerk.issuer"), "CLERK_API_URL", fakes.get("clerk.api-url"),
                    "DUB_API_URL", fakes.get("dub.api-url"), "CLERK_AUTHORIZED_PARTIES", "https://app.example.com",
                    "QUARKUS_REDIS_HOSTS", redis.url(), "STATE_KEY_PREFIX", prefix));
            env.putAll(settings);
            fleet.instances.add(new Instance(builder.start(), port, management, log));
        }
        for (Instance instance : fleet.instances) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> RestAssured.given().baseUri("http://localhost").port(instance.managementPort())
                            .get("/q/health/ready").statusCode() == 200);
        }
        // A first lead on each (one of each app-wide budget's units), as traffic warms an instance before a
        // fleet's tests: a cold JVM can take longer than a decision waits for Redis, and would decide from memory.
        Fakes.dub().givenLeadTracked();
        for (int i = 0; i < fleet.instances.size(); i++) {
            String user = "user_fleet_warm_" + UUID.randomUUID();
            Fakes.clerk().givenUser(app.clerkdub.sandbox.ClerkUser.named(user));
            FleetIT.track(fleet.instances.get(i), user);
        }
        Fakes.reset();
        return fleet;
    }

    Instance get(int i) {
        return instances.get(i % instances.size());
    }

    /** The instance's {@code state_fallbacks_total}. */
    double fallbacks(Instance instance) {
        String metrics = RestAssured.given().baseUri("http://localhost").port(instance.managementPort())
                .get("/q/metrics").asString();
        return metrics.lines().filter(line -> line.startsWith("state_fallbacks_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().destroy();
        }
        for (Instance instance : instances) {
            instance.process().waitFor(10, TimeUnit.SECONDS);
        }
        redis.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
