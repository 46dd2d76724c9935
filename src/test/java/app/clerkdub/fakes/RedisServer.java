package app.clerkdub.fakes;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * A real Redis for the tests: Debian's {@code redis-server} ({@code REDIS_SERVER}, else on {@code PATH}), started
 * on a free port of the loopback with nothing saved to disk, and stopped and started again on the same port where a
 * test needs an outage. Where there is none, the tests that need it are skipped with one line saying so, except
 * with {@code REDIS_TESTS=required} (set by {@code .ci/run}), where they fail.
 */
public final class RedisServer implements AutoCloseable {
    static final String BINARY = "REDIS_SERVER";
    static final String REQUIRED_SWITCH = "REDIS_TESTS";

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** A running server, or the test is skipped (failed where Redis is required). */
    public static RedisServer start() {
        Optional<Path> binary = locate();
        if (binary.isEmpty()) {
            String why = "no redis-server (set " + BINARY + " or put it on PATH; on Debian: apt-get install redis-server)";
            if ("required".equals(System.getenv(REQUIRED_SWITCH))) {
                fail(why + ", and " + REQUIRED_SWITCH + "=required");
            }
            assumeTrue(false, why);
        }
        RedisServer server = new RedisServer(binary.get(), freePort());
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    /** The URL an instance is given in {@code QUARKUS_REDIS_HOSTS}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server, as an outage does: what it held is gone. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            process = null;
        }
    }

    /** Starts the server again on its port, empty, once it answers. */
    public void restart() {
        stop();
        try {
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no", "--enable-debug-command", "local")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException unstartable) {
            throw new IllegalStateException("redis-server did not start", unstartable);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(this::answersPing);
    }

    /** Sends one raw command (RESP inline) and returns the server's first reply line. */
    public String command(String line) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] reply = new byte[4096];
            int read = socket.getInputStream().read(reply);
            return read <= 0 ? "" : new String(reply, 0, read, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }

    private boolean answersPing() throws IOException {
        return command("PING").equals("+PONG");
    }

    @Override
    public void close() {
        stop();
    }

    private static Optional<Path> locate() {
        String set = System.getenv(BINARY);
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty()
                : Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "redis-server"))
                        .filter(Files::isExecutable).findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new IllegalStateException("no free port", none);
        }
    }

    /** The keys a server holds under a prefix, for tests that check what is stored. */
    public List<String> keys(String pattern) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("KEYS " + pattern + "\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] reply = new byte[65536];
            int read = socket.getInputStream().read(reply);
            String text = read <= 0 ? "" : new String(reply, 0, read, StandardCharsets.UTF_8);
            return text.lines().filter(line -> !line.startsWith("*") && !line.startsWith("$")).toList();
        }
    }
}
