package app.clerkdub.lambda;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.SessionTokens.ALLOWED_ORIGIN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.fakes.ClerkFake;
import app.clerkdub.fakes.ClerkWebhooks;
import app.clerkdub.fakes.DubFake;
import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.RedisServer;
import app.clerkdub.fakes.SessionTokens;
import app.clerkdub.lambda.ApiGatewayEvent.Answer;
import app.clerkdub.sandbox.ClerkUser;
import app.clerkdub.sandbox.WebhookSigner;

/**
 * The packaged function ({@code target/function.zip}) run as Lambda runs it, against the fakes of Clerk and Dub:
 * unpacked into a task root; with a {@code bootstrap} in it (the native build), that executable is started, as
 * the {@code provided.al2023} runtime does; otherwise AWS's runtime interface client starts the JVM with the
 * SAM template's handler, as the {@code java21} managed runtime does. Both find {@link LambdaRuntimeApi} through
 * {@code AWS_LAMBDA_RUNTIME_API} and are configured by environment variables only, as in production. Events are
 * API Gateway HTTP API events (payload 2.0).
 * <p>
 * As on Lambda under concurrent requests, {@value #ENVIRONMENTS} execution environments (processes) poll the one
 * Runtime API, each handling one event at a time, and share one Redis ({@code QUARKUS_REDIS_HOSTS}).
 */
class LambdaFunctionIT {
    static final String CLICK = "clk_1JX8Z3MQWV0GX4Y2";
    static final String CLEARED = "dub_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    static final AtomicLong USERS = new AtomicLong(System.nanoTime() % 1_000_000);
    static final Path WORK = Path.of("target", "lambda-function-it");

    static final int ENVIRONMENTS = 3;
    /** Reads a metric line whole: anything after its object would keep CloudWatch from taking it. */
    static final ObjectMapper EMF = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static LambdaRuntimeApi runtime;
    static RedisServer redis;
    static final List<Process> environments = new ArrayList<>();

    @BeforeAll
    static void startTheFunction() throws Exception {
        redis = RedisServer.start();
        Map<String, String> fakes = new Fakes().start();
        Path task = unzip(Path.of("target", "function.zip"), WORK.resolve("task"));
        runtime = new LambdaRuntimeApi();
        Path bootstrap = task.resolve("bootstrap");
        List<String> command = new ArrayList<>();
        if (Files.exists(bootstrap)) {
            bootstrap.toFile().setExecutable(true);
            command.add(bootstrap.toAbsolutePath().toString());
        } else {
            // The java21 runtime's own launch: its client on the class path, the task root loaded by the client.
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-D" + RuntimeInterfaceClient.JNI + "=" + RuntimeInterfaceClient.jniLibrary(WORK),
                    "-cp", RuntimeInterfaceClient.classPath(),
                    RuntimeInterfaceClient.MAIN, handler()));
        }
        for (int i = 0; i < ENVIRONMENTS; i++) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("function-" + i + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            env.put("LAMBDA_TASK_ROOT", task.toAbsolutePath().toString());
            env.put("_HANDLER", handler());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "clerk-dub-leads");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_REGION", "eu-west-1");
            env.put("DISABLE_SIGNAL_HANDLERS", "true");
            env.put("CLERK_SECRET_KEY", ClerkFake.SECRET_KEY);
            env.put("DUB_API_KEY", DubFake.API_KEY);
            env.put("CLERK_ISSUER", fakes.get("clerk.issuer"));
            env.put("CLERK_API_URL", fakes.get("clerk.api-url"));
            env.put("DUB_API_URL", fakes.get("dub.api-url"));
            env.put("CLERK_AUTHORIZED_PARTIES", ALLOWED_ORIGIN);
            env.put("CLERK_WEBHOOK_SIGNING_SECRET", ClerkWebhooks.SECRET);
            env.put("QUARKUS_REDIS_HOSTS", redis.url());
            env.put("QUARKUS_REST_CLIENT_DUB_API_READ_TIMEOUT", "10000");
            // JSON log lines, as deploy/aws/template.yaml has them, beside which the metric lines must stay bare.
            env.put("LOG_JSON", "true");
            env.put("LOG_JSON_LEVEL_KEY", "level");
            environments.add(builder.start());
        }
    }

    @AfterAll
    static void stopTheFunction() throws InterruptedException {
        for (Process environment : environments) {
            environment.destroy();
        }
        for (Process environment : environments) {
            environment.waitFor(10, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void resetFakes() {
        Fakes.reset();
    }

    @Test
    void aTrackedLeadTakesSessionAndClickFromTheCookiesListAndClearsTheClickWithItsDomain() {
        String user = newUser();
        Fakes.dub().givenLeadTracked();
        Answer answer = invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .cookie("__session", SessionTokens.session().subject(user).sign()).cookie("dub_id", CLICK));
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("tracked", answer.body().path("status").asText());
        assertEquals(List.of(CLEARED + "; Domain=.app.example.com"), answer.cookies());
        assertEquals(1, Fakes.dub().leads().size());
    }

    @Test
    void aPreflightFromTheAppIsAnswered() {
        Answer answer = invoke(ApiGatewayEvent.options(PATH).header("origin", ALLOWED_ORIGIN)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "authorization,content-type"));
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals(ALLOWED_ORIGIN, answer.header("access-control-allow-origin"));
        assertTrue(answer.header("access-control-allow-methods").contains("POST"));
    }

    @Test
    void aRefusedTokenIs401WithTheJsonErrorAndNoUpstreamCall() {
        String forged = SessionTokens.session().signedBy(SessionTokens.otherKeys()).sign();
        Answer answer = invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + forged).cookie("dub_id", CLICK));
        assertEquals(401, answer.status(), answer.event().toString());
        assertEquals("unauthorized", answer.body().path("error").path("code").asText());
        assertEquals(0, Fakes.clerk().requestCount());
        assertEquals(0, Fakes.dub().server().getAllServeEvents().size());
    }

    @Test
    void badJsonIs400WithTheSameErrorAsOnTheContainer() {
        String user = newUser();
        Answer answer = invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + SessionTokens.session().subject(user).sign()).json("{\"clickId\":"));
        assertEquals(400, answer.status(), answer.event().toString());
        assertEquals("invalid_json", answer.body().path("error").path("code").asText());
    }

    @Test
    void aSignedUserCreatedTracksTheLead() {
        Fakes.dub().givenLeadTracked();
        Answer answer = invoke(signed(userCreatedWithTheClick(newUser())));
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("tracked", answer.body().path("result").asText());
        assertEquals(1, Fakes.dub().leads().size());
    }

    @Test
    void aSignedPaidPaymentAttemptReachesDubOnce() {
        String user = newUser();
        ObjectNode event = ClerkWebhooks.example("paymentAttempt.updated");
        ((ObjectNode) event.get("data")).put("id", "pa_lambda" + USERS.incrementAndGet());
        ((ObjectNode) event.at("/data/payer")).put("user_id", user);
        Fakes.dub().givenSaleAnswer(DubFake.saleRecorded(user, 2200, "usd", event.at("/data/id").asText(), null));
        Answer answer = invoke(signed(event));
        assertEquals(200, answer.status(), answer.event().toString());
        assertEquals("sale_recorded", answer.body().path("result").asText());
        assertEquals(1, Fakes.dub().sales().size());
    }

    @Test
    void dubDownDuringAWebhookIs5xxSoSvixDeliversItAgain() {
        Fakes.dub().givenAnswer(DubFake.error(500, "internal_server_error", "Dub is down"));
        Answer answer = invoke(signed(userCreatedWithTheClick(newUser())));
        assertTrue(answer.status() >= 500, answer.event().toString());
        assertEquals(0, Fakes.clerk().metadataUpdates().size(), "nothing marked");
    }

    /** Clerk's example of {@code user.created}, for this user, with the click passed into the sign-up. */
    @Test
    void concurrentCallsOfOneUserOverTheEnvironmentsMakeOneDubRequest() throws Exception {
        // Each environment's first leads, in turn: a cold environment's first decisions can take longer than a
        // decision waits for Redis.
        Fakes.dub().givenLeadTracked();
        for (int i = 0; i < 2 * ENVIRONMENTS; i++) {
            assertEquals(200, invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                    .cookie("__session", SessionTokens.session().subject(newUser()).sign()).cookie("dub_id", CLICK))
                    .status());
        }
        Fakes.reset();
        String user = newUser();
        Fakes.dub().givenAnswer(DubFake.tracked().withFixedDelay(1500));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                        .cookie("__session", SessionTokens.session().subject(user).sign()).cookie("dub_id", CLICK))));
            }
            for (Future<Answer> call : calls) {
                Answer answer = call.get();
                assertEquals(200, answer.status(), answer.event().toString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Fakes.dub().leads().size());
        assertEquals(1, Fakes.clerk().metadataUpdates().size());
    }

    /**
     * CloudWatch's Embedded Metric Format on the function's output, where Lambda hands it to CloudWatch Logs: a whole
     * line that is one JSON object with its {@code _aws} directive, not wrapped by the JSON log formatter.
     */
    @Test
    void eachRequestWritesItsMetricLineToTheFunctionsOutput() throws IOException {
        long before = metricLines("no_click");
        Answer answer = invoke(ApiGatewayEvent.post(PATH).header("origin", ALLOWED_ORIGIN)
                .header("authorization", "Bearer " + SessionTokens.session().subject(newUser()).sign()));
        assertEquals("no_click", answer.body().path("status").asText(), answer.event().toString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> metricLines("no_click") > before);
    }

    /** The lines of every environment's output that are EMF objects of a lead with this outcome. */
    private static long metricLines(String outcome) throws IOException {
        long found = 0;
        for (int i = 0; i < ENVIRONMENTS; i++) {
            for (String line : Files.readAllLines(WORK.resolve("function-" + i + ".log"))) {
                if (line.startsWith("{\"_aws\"")) {
                    JsonNode metric = EMF.readTree(line);
                    if (metric.at("/_aws/CloudWatchMetrics/0/Namespace").isTextual()
                            && "lead".equals(metric.path("Flow").asText())
                            && outcome.equals(metric.path("Outcome").asText())) {
                        found++;
                    }
                }
            }
        }
        return found;
    }

    private static ObjectNode userCreatedWithTheClick(String user) {
        ObjectNode event = ClerkWebhooks.example("user.created");
        ((ObjectNode) event.get("data")).put("id", user).putObject("unsafe_metadata").put("dubClickId", CLICK);
        return event;
    }

    /** A delivery as Svix makes it, signed now; its {@code svix-signature} is {@code v1,<base64>}, comma and all. */
    private static ApiGatewayEvent signed(JsonNode event) {
        byte[] body = ClerkWebhooks.bytes(event);
        String id = ClerkWebhooks.newMessageId();
        long now = ClerkWebhooks.now();
        return ApiGatewayEvent.post(ClerkWebhooks.PATH).header("svix-id", id)
                .header("svix-timestamp", Long.toString(now))
                .header("svix-signature", WebhookSigner.signature(ClerkWebhooks.SECRET, id, now, body))
                .json(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A user of its own per test: the environments remember users they tracked, in their shared Redis. */
    private static String newUser() {
        String user = "user_lambda" + USERS.incrementAndGet();
        Fakes.clerk().givenUser(ClerkUser.named(user));
        return user;
    }

    private static Answer invoke(ApiGatewayEvent event) {
        for (int i = 0; i < environments.size(); i++) {
            assertTrue(environments.get(i).isAlive(), "an environment exited: see " + WORK.resolve("function-" + i + ".log"));
        }
        return event.sendTo(json -> runtime.invoke(json, ANSWER_WITHIN));
    }

    /** The handler the SAM template gives the java21 runtime. */
    private static String handler() throws IOException {
        Matcher handler = Pattern.compile("Handler:.*?([\\w.$]+::\\w+)")
                .matcher(Files.readString(Path.of("deploy", "aws", "template.yaml")));
        if (!handler.find()) {
            throw new IllegalStateException("no Java handler in deploy/aws/template.yaml");
        }
        return handler.group(1);
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        if (Files.exists(into)) {
            try (var old = Files.walk(into)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return into;
    }

    /** AWS's runtime interface client, the main class of Lambda's java runtimes, and its jars from Maven Central. */
    private static final class RuntimeInterfaceClient {
        static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
        /** A class of each of its jars: the client, Lambda's core interfaces, its serialization, utils-lite. */
        private static final Set<String> CLASSES = Set.of(MAIN, "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

        /**
         * Where the client loads its native library from, given: left to itself, each client rewrites
         * /tmp/.libaws-lambda-jni.so as it starts, and an environment that loads the file while another one is
         * rewriting it dies of SIGBUS. Lambda starts one client per sandbox; here the environments share /tmp.
         */
        static final String JNI = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

        /** The client's native library for this machine, unpacked once into {@code work} for every environment. */
        static Path jniLibrary(Path work) throws IOException {
            String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
            Path library = work.resolve("libaws-lambda-jni.so").toAbsolutePath();
            try (var in = Class.forName(MAIN).getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch + ".so")) {
                if (in == null) {
                    throw new IOException("the runtime interface client holds no native library for " + arch);
                }
                Files.createDirectories(work);
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            } catch (ClassNotFoundException noClient) {
                throw new IOException(noClient);
            }
            return library;
        }

        static String classPath() throws Exception {
            List<String> jars = new ArrayList<>();
            for (String name : CLASSES) {
                jars.add(Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
            return String.join(java.io.File.pathSeparator, jars);
        }

        private RuntimeInterfaceClient() {
        }
    }
}
