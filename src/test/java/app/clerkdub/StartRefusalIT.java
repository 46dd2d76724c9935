package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged application (the jar, or the native binary where the build made one: see
 * {@link PackagedArtifact}), started with one wrong setting, stops with exit code 1 and that setting's one
 * line last on standard error, every time, and no stack trace: the line is printed at once, not through the
 * asynchronous console log, which can lose what it holds when the process exits.
 */
class StartRefusalIT {
    static final Map<String, String> VALID = Map.of("CLERK_SECRET_KEY", "sk_test_start", "DUB_API_KEY", "dub_start",
            "CLERK_ISSUER", "https://clerk.example.com", "CLERK_AUTHORIZED_PARTIES", "https://app.example.com",
            "PORT", "0");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CLERK_JWT_KEY|MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA|CLERK_JWT_KEY is not a complete public key: it was "
                + "cut short or damaged when pasted; it must be the \"JWKS Public Key\" PEM from the API keys page of "
                + "Clerk's dashboard",
        "CLERK_JWT_KEY|'-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----'|CLERK_JWT_KEY is a private key "
                + "(PRIVATE KEY): never give the service a private key; it must be the \"JWKS Public Key\" PEM from the "
                + "API keys page of Clerk's dashboard",
        "CLERK_PUBLISHABLE_KEY|sk_live_notAPublishableKey0123|CLERK_PUBLISHABLE_KEY (sk_live_…) is not a publishable "
                + "key: it is a secret key, which belongs in CLERK_SECRET_KEY and must not be published",
        "CLERK_AUTHORIZED_PARTIES|https://a.example, https://app.example.com/login|CLERK_AUTHORIZED_PARTIES entry "
                + "'https://app.example.com/login' is not an origin: it has a path; write it as https://app.example.com",
        "CLERK_ISSUER|clerk.example.com|CLERK_ISSUER 'clerk.example.com' has no scheme: write it as "
                + "https://clerk.example.com",
        "CLERK_WEBHOOK_SIGNING_SECRET|sk_live_notAWebhookSecret|CLERK_WEBHOOK_SIGNING_SECRET must be whsec_ followed "
                + "by base64, as Clerk's dashboard shows it (Webhooks > the endpoint > Signing Secret)",
        "CLERK_SECRET_KEY|pk_test_Y2xlcmsuZXhhbXBsZS5jb20k|CLERK_SECRET_KEY (pk_test_…) does not start with sk_live_ or "
                + "sk_test_ (it is Clerk's publishable key, which belongs in CLERK_PUBLISHABLE_KEY): copy the secret key "
                + "from the API keys page of Clerk's dashboard",
        "CLERK_SECRET_KEY|sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|CLERK_SECRET_KEY (sk_live_…) is the placeholder of "
                + "application.properties.example: replace it with your own key",
        "CLERK_SECRET_KEY|''|CLERK_SECRET_KEY is not set (or empty): give it the secret key from the API keys page of "
                + "Clerk's dashboard",
        "DUB_API_KEY|sk_test_4bCdEfGh|DUB_API_KEY (sk_test_…) does not start with dub_ (it is Clerk's secret key, which "
                + "belongs in CLERK_SECRET_KEY): create an API key in Dub's workspace settings",
        "DUB_API_KEY|dub_xxxxxxxxxxxxxxxxxxxxxxxx|DUB_API_KEY (dub_…) is the placeholder of "
                + "application.properties.example: replace it with your own key",
        "QUOTA_USER_RUNS|0|QUOTA_USER_RUNS must be a whole number, 1 or more (it is '0')",
        "DUB_QUALIFY_ON|metadata,paymnet|DUB_QUALIFY_ON must list some of metadata, payment and organization, "
                + "comma-separated (it has 'paymnet')",
        "DUB_CUSTOMER_SYNC|erase,updte|DUB_CUSTOMER_SYNC must list some of erase and update, comma-separated, or be "
                + "empty for neither (it has 'updte')",
        "UPSTREAM_CIRCUIT_WINDOW|0|UPSTREAM_CIRCUIT_WINDOW must be a whole number, 1 or more (it is '0')",
        "QUOTA_PERIOD|-5s|QUOTA_PERIOD must be a duration above zero, like 10s, 500ms or 1m (it is '-5s')",
        "QUOTA_MAX_IN_FLIGHT|abc|QUOTA_MAX_IN_FLIGHT must be a whole number, 1 or more (it is 'abc')",
        "LEAD_DEADLINE|0s|LEAD_DEADLINE must be a duration above zero, like 10s, 500ms or 1m (it is '0s')",
        "DUB_RATE_LIMIT|1200|DUB_RATE_LIMIT must be a count and a period, like 1200/1m or 1000/10s (it is '1200')",
        // Quoted as .env and docker --env-file keep it: the rule is checked on what is inside the quotes.
        "QUOTA_USER_RUNS|'\"0\"'|QUOTA_USER_RUNS must be a whole number, 1 or more (it is '0')",
        "CLERK_WEBHOOK_SIGNING_SECRET|whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|CLERK_WEBHOOK_SIGNING_SECRET "
                + "(whsec_…) is the placeholder of application.properties.example: replace it with your own secret",
    })
    void aWrongSettingStopsTheStartWithItsOneLine(String variable, String value, String line)
            throws IOException, InterruptedException {
        assertEquals(line, refusal(Map.of(variable, value), null));
    }

    /** A required setting that is not set at all is named by its variable, as an empty one is. */
    @ParameterizedTest(name = "{0} unset")
    @CsvSource(delimiter = '|', value = {
        "CLERK_SECRET_KEY|CLERK_SECRET_KEY is not set (or empty): give it the secret key from the API keys page of "
                + "Clerk's dashboard",
        "DUB_API_KEY|DUB_API_KEY is not set (or empty): give it an API key from Dub's workspace settings",
        "CLERK_ISSUER|CLERK_ISSUER is not set (or empty): give it your Clerk Frontend API URL, or set "
                + "CLERK_PUBLISHABLE_KEY, from which it is derived",
    })
    void anUnsetSettingStopsTheStartNamingItsVariable(String variable, String line)
            throws IOException, InterruptedException {
        assertEquals(line, refusal(Map.of(), variable));
    }

    /** With JSON logs, the refusal is one JSON record on its own line, as every other line of the service is. */
    @org.junit.jupiter.api.Test
    void withJsonLogsTheRefusalIsOneJsonLine() throws IOException, InterruptedException {
        String line = refusal(Map.of("LOG_JSON", "true", "QUOTA_USER_RUNS", "0"), null);
        assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        assertTrue(line.contains("\"severity\":\"ERROR\""), line);
        assertTrue(line.contains("\"message\":\"QUOTA_USER_RUNS must be a whole number, 1 or more (it is '0')\""),
                line);
    }

    /**
     * The last line on standard error of a start with {@code settings} over the valid ones and {@code unset} not
     * set at all, after checking that it stopped with exit code 1 and no stack trace.
     */
    private static String refusal(Map<String, String> settings, String unset) throws IOException, InterruptedException {
        ProcessBuilder start = packagedApplication();
        // Every other setting quoted, as .env and docker --env-file pass them: quotes are no reason to refuse.
        VALID.forEach((name, valid) -> start.environment().put(name, '"' + valid + '"'));
        start.environment().putAll(settings);
        if (unset != null) {
            start.environment().remove(unset);
        }
        Path err = Files.createTempFile("start-refusal", ".err");
        Process process = start.redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the start stopped");
        List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(text -> !text.isBlank()).toList();
        Files.delete(err);
        assertEquals(1, process.exitValue(), "exit code: " + stderr);
        assertFalse(stderr.isEmpty(), "something was printed");
        assertFalse(stderr.stream().anyMatch(text -> text.startsWith("\tat ")), "no stack trace: " + stderr);
        return stderr.get(stderr.size() - 1);
    }

    /**
     * A start that fails after logging has begun (here: a port is taken) prints every line it logged, each
     * time: an asynchronous console used to lose the last ones when the process exited (1 start in 3). A taken
     * management port reads as a taken main port does: Quarkus' three lines naming it, no stack trace.
     */
    @ParameterizedTest(name = "{0} taken")
    @ValueSource(strings = { "PORT", "MANAGEMENT_PORT" })
    void aTakenPortStopsTheStartWithItsThreeLinesEveryTime(String variable) throws IOException, InterruptedException {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = String.valueOf(taken.getLocalPort());
            for (int start = 1; start <= 3; start++) {
                ProcessBuilder builder = packagedApplication();
                builder.environment().putAll(Map.of("PORT", "0", "MANAGEMENT_PORT", "0"));
                builder.environment().put(variable, port);
                Path out = Files.createTempFile("start-failure", ".out");
                Process process = builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the start stopped");
                List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                Files.delete(out);
                assertEquals(1, process.exitValue());
                assertTrue(lines.stream().anyMatch(line -> line.contains("Port " + port + " seems to be in use")),
                        "start " + start + ": " + lines);
                assertTrue(lines.get(lines.size() - 1).contains("kill -9"), "start " + start + " printed its last line: " + lines);
                assertFalse(lines.stream().anyMatch(line -> line.startsWith("\tat ")), "no stack trace: " + lines);
            }
        }
    }

    /**
     * Whatever the build made, with valid settings and nothing from this machine's environment (nor from a
     * {@code .env} in the project, which Quarkus reads from the working directory): {@code java -jar} for a
     * jar, the binary itself for a native build; any other artifact skips the test with its type.
     */
    static ProcessBuilder packagedApplication() throws IOException {
        Optional<PackagedArtifact> artifact = PackagedArtifact.read();
        assertTrue(artifact.isPresent(), "package first: " + PackagedArtifact.PROPERTIES);
        assertTrue(Files.exists(artifact.get().path()), "package first: " + artifact.get().path());
        Optional<List<String>> command = artifact.get().command();
        assumeTrue(command.isPresent(), "the build made a " + artifact.get().type() + ", which this test cannot start");
        ProcessBuilder builder = new ProcessBuilder(command.get()).directory(Files.createTempDirectory("start").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CLERK_") || name.startsWith("DUB_")
                || name.startsWith("QUARKUS_"));
        builder.environment().putAll(VALID);
        return builder;
    }
}
