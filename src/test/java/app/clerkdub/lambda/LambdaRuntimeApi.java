package app.clerkdub.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the AWS Lambda Runtime API (version 2018-06-01), which a function polls for its next event and
 * answers: {@code GET .../invocation/next} blocks until an event is handed in, {@code POST .../{id}/response}
 * and {@code .../{id}/error} carry the answer, {@code POST .../init/error} a failed start. The function finds it
 * through {@code AWS_LAMBDA_RUNTIME_API}, as on Lambda.
 */
final class LambdaRuntimeApi implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();


    private record Invocation(String id, String event) {
    }

    LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(BASE, this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands the event to the function and waits for its answer; fails on an error the function reports. */
    String invoke(String event, Duration timeout) {
        String id = "req-" + ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(id, answer);
        pending.add(new Invocation(id, event));
        try {
            return CompletableFuture.anyOf(answer, initError.thenApply(error -> {
                throw new IllegalStateException("the function failed to start: " + error);
            })).thenApply(String.class::cast).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the function within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("invocation/next")) {
            Invocation next;
            try {
                next = pending.take(); // blocks, as Lambda does between events
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + 30_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:eu-west-1:123456789012:function:clerk-dub-leads");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply(exchange, 200, next.event());
        } else if (path.equals("init/error")) {
            initError.complete(body);
            reply(exchange, 202, "");
        } else if (path.startsWith("invocation/")) {
            String[] parts = path.split("/");
            CompletableFuture<String> answer = answers.remove(parts[1]);
            if (answer != null && parts[2].equals("response")) {
                answer.complete(body);
            } else if (answer != null) {
                answer.completeExceptionally(new IllegalStateException("the function reported an error: " + body));
            }
            reply(exchange, 202, "");
        } else {
            reply(exchange, 404, "");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow(); // the poll that waits for an event that will not come
    }
}
