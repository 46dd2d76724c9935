import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the AWS Lambda runtime API (JDK only): serves the events of one file, one at a time, to the
 * function process it starts with AWS_LAMBDA_RUNTIME_API pointing here, as Lambda does on a cold start.
 * Reports the time from the launch to the first answered event, that answer, the process's RSS then, and the
 * median time of the next events (warm invocations).
 *
 * java bench/LambdaRuntimeStandIn.java EVENT_FILE EVENTS COMMAND [ARGS...]
 */
public class LambdaRuntimeStandIn {
    static final String NEXT = "/2018-06-01/runtime/invocation/next";

    public static void main(String[] args) throws Exception {
        String event = Files.readString(Path.of(args[0]));
        int events = Integer.parseInt(args[1]);
        List<String> command = List.of(args).subList(2, args.length);
        BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        BlockingQueue<Long> answered = new LinkedBlockingQueue<>();
        List<String> answers = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2018-06-01/runtime/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(NEXT)) {
                String next;
                try {
                    next = pending.take(); // blocks as Lambda does between events
                } catch (InterruptedException e) {
                    return;
                }
                String id = "req-" + ids.incrementAndGet();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", id);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:clerk-dub-leads");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                reply(exchange, 200, next.getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/response")) {
                synchronized (answers) {
                    answers.add(new String(body, StandardCharsets.UTF_8));
                }
                answered.add(System.nanoTime());
                reply(exchange, 202, new byte[0]);
            } else { // .../error or init/error
                System.err.println("the function reported an error at " + path + ": " + new String(body, StandardCharsets.UTF_8));
                failed.countDown();
                reply(exchange, 202, new byte[0]);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("standin.log", "standin-function.log")).toFile()));
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "clerk-dub-leads");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        pending.add(event);
        long launched = System.nanoTime();
        Process function = builder.start();
        Long first = answered.poll(120, TimeUnit.SECONDS);
        if (first == null || failed.getCount() == 0) {
            function.destroyForcibly();
            server.stop(0);
            throw new IllegalStateException("no answer to the first event");
        }
        long rssKb = status(function.pid(), "VmRSS:");
        List<Long> warm = new ArrayList<>();
        for (int i = 1; i < events; i++) {
            long sent = System.nanoTime();
            pending.add(event);
            Long done = answered.poll(30, TimeUnit.SECONDS);
            if (done == null) {
                throw new IllegalStateException("no answer to event " + (i + 1));
            }
            warm.add(done - sent);
        }
        long hwmKb = status(function.pid(), "VmHWM:");
        function.destroy();
        function.waitFor(10, TimeUnit.SECONDS);
        server.stop(0);
        warm.sort(null);
        String answer = answers.get(0);
        System.out.printf("RESULT first_answer_ms=%d rss_mb=%d peak_rss_mb=%d warm_p50_ms=%.2f warm_events=%d status=%s%n",
                (first - launched) / 1_000_000, rssKb / 1024, hwmKb / 1024,
                warm.isEmpty() ? 0.0 : warm.get(warm.size() / 2) / 1e6, warm.size(),
                answer.replaceAll(".*\"statusCode\":([0-9]+).*", "$1"));
        System.out.println("FIRST_ANSWER " + answer);
        System.exit(0);
    }

    static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
