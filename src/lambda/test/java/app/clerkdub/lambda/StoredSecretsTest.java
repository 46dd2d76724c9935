package app.clerkdub.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import app.clerkdub.platform.settings.ClerkTokenSettings;
import app.clerkdub.platform.settings.PastedValues;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The secrets read from a local stand-in of Parameter Store's API (WireMock, as {@code AWS_ENDPOINT_URL_SSM}),
 * through the same configuration the service builds: application.properties' references, the settings' own
 * checks and what they derive ({@link ClerkTokenSettings}), the pasted-value reading ({@link PastedValues}).
 */
class StoredSecretsTest {
    static final String CLERK_KEY = "sk_live_fromTheStore0123456789abcdef";
    static final String DUB_KEY = "dub_fromTheStore0123456789";
    static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("from the store, 32 bytes long!!!".getBytes());
    static final String PREFIX = "/clerk-dub-leads/";

    WireMockServer ssm = new WireMockServer(options().dynamicPort());
    List<LogRecord> logged = new ArrayList<>();
    Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        ssm.start();
        Logger.getLogger("app.clerkdub").addHandler(capture);
        Logger.getLogger("app.clerkdub").setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("app.clerkdub").removeHandler(capture);
        ssm.stop();
    }

    @Test
    void theSecretsComeFromTheStoreInOneSignedCallAndEveryCheckSeesThem() throws Exception {
        String pem = publicKeyPem();
        stored(Map.of("CLERK_SECRET_KEY", CLERK_KEY, "DUB_API_KEY", DUB_KEY, "CLERK_WEBHOOK_SIGNING_SECRET", WEBHOOK_SECRET,
                "CLERK_JWT_KEY", pem));
        Map<String, String> env = lambda();
        env.put("CLERK_JWT_KEY_PARAMETER", PREFIX + "CLERK_JWT_KEY");
        env.put("CLERK_WEBHOOK_SIGNING_SECRET_PARAMETER", PREFIX + "CLERK_WEBHOOK_SIGNING_SECRET");

        SmallRyeConfig config = config(env);

        assertEquals(CLERK_KEY, config.getValue("clerk.secret-key", String.class));
        assertEquals(DUB_KEY, config.getValue("dub.api-key", String.class));
        assertEquals(WEBHOOK_SECRET, config.getValue("clerk.webhook.signing-secret", String.class));
        // ClerkTokenSettings saw the stored JWT key: quarkus-oidc verifies with it and never asks Clerk for keys.
        assertTrue(pem.replaceAll("-----[A-Z ]+-----|\\s", "")
                .equals(config.getValue("quarkus.oidc.public-key", String.class)), "the stored PEM, as quarkus-oidc takes it");
        assertFalse(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent());

        List<LoggedRequest> calls = ssm.findAll(postRequestedFor(urlEqualTo("/")));
        assertEquals(1, calls.size(), "one GetParameters for all of them");
        LoggedRequest call = calls.get(0);
        assertEquals("AmazonSSM.GetParameters", call.getHeader("X-Amz-Target"));
        assertEquals("the-session-token", call.getHeader("X-Amz-Security-Token"));
        assertTrue(call.getBodyAsString().contains("\"WithDecryption\":true"), call.getBodyAsString());
        // The signature is the one AWS computes over what was sent, with the function's credentials.
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : List.of("content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target")) {
            signed.put(name, call.getHeader(name));
        }
        Instant at = SigV4.AMZ_DATE.parse(call.getHeader("X-Amz-Date"), Instant::from);
        assertEquals(SigV4.authorization("POST", "/", "", signed, call.getBody(),
                new SigV4.Credentials("ASIAFUNCTIONROLE", "role-secret", "the-session-token"), "eu-west-1", "ssm", at),
                call.getHeader("Authorization"));
        assertTrue(call.getHeader("Authorization").contains("/eu-west-1/ssm/aws4_request"));

        String log = logText();
        assertTrue(log.contains("CLERK_SECRET_KEY from /clerk-dub-leads/CLERK_SECRET_KEY"), log);
        assertNoSecretIn(log);
    }

    @Test
    void aSnapStartFunctionSignsWithItsContainerCredentials() {
        ssm.stubFor(get("/credentials").withHeader("Authorization", equalTo("container-token"))
                .willReturn(aResponse().withBody("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"c-secret\","
                        + "\"Token\":\"container-session\",\"Expiration\":\"2099-01-01T00:00:00Z\"}")));
        stored(Map.of("CLERK_SECRET_KEY", CLERK_KEY, "DUB_API_KEY", DUB_KEY));
        Map<String, String> env = lambda();
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_SESSION_TOKEN");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", ssm.baseUrl() + "/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token");

        assertEquals(CLERK_KEY, config(env).getValue("clerk.secret-key", String.class));
        ssm.verify(1, getRequestedFor(urlEqualTo("/credentials")));
        LoggedRequest call = ssm.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertEquals("container-session", call.getHeader("X-Amz-Security-Token"));
        assertTrue(call.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=ASIACONTAINER/"));
    }

    @Test
    void aMissingParameterStopsTheStartWithOneLineNamingItsVariable() {
        ssm.stubFor(post("/").willReturn(aResponse().withBody("{\"Parameters\":[{\"Name\":\"" + PREFIX
                + "CLERK_SECRET_KEY\",\"Type\":\"SecureString\",\"Value\":\"" + CLERK_KEY + "\"}],"
                + "\"InvalidParameters\":[\"" + PREFIX + "DUB_API_KEY\"]}")));
        assertRefusal("DUB_API_KEY_PARAMETER names /clerk-dub-leads/DUB_API_KEY, which Parameter Store does not have: "
                + "create it (aws ssm put-parameter --name /clerk-dub-leads/DUB_API_KEY --type SecureString) or correct "
                + "the name", lambda());
    }

    @Test
    void aRefusedReadStopsTheStartWithWhatAwsAnswered() {
        ssm.stubFor(post("/").willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"AccessDeniedException\","
                + "\"message\":\"User: arn:aws:sts::123456789012:assumed-role/fn is not authorized to perform: "
                + "ssm:GetParameters\"}")));
        assertRefusal("CLERK_SECRET_KEY_PARAMETER, DUB_API_KEY_PARAMETER could not be read: Parameter Store at "
                + ssm.baseUrl() + " answered AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/fn is "
                + "not authorized to perform: ssm:GetParameters", lambda());
    }

    @Test
    void aStoredValueOfTheWrongKindIsRefusedByTheSettingsOwnCheckShowingOnlyItsPrefix() {
        stored(Map.of("CLERK_SECRET_KEY", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", "DUB_API_KEY", DUB_KEY));
        assertRefusal("CLERK_SECRET_KEY (pk_test_…) does not start with sk_live_ or sk_test_ (it is Clerk's publishable "
                + "key, which belongs in CLERK_PUBLISHABLE_KEY): copy the secret key from the API keys page of Clerk's "
                + "dashboard", lambda());
    }

    @Test
    void aValueAndItsParameterTogetherAreRefused() {
        Map<String, String> env = lambda();
        env.put("CLERK_SECRET_KEY", CLERK_KEY);
        assertRefusal("CLERK_SECRET_KEY_PARAMETER and CLERK_SECRET_KEY are both set: set only CLERK_SECRET_KEY_PARAMETER, "
                + "which names the parameter that holds the value", env);
        assertEquals(0, ssm.getAllServeEvents().size());
    }

    @Test
    void withoutParametersNothingIsRead() {
        Map<String, String> env = new HashMap<>(Map.of("CLERK_SECRET_KEY", CLERK_KEY, "DUB_API_KEY", DUB_KEY,
                "AWS_ENDPOINT_URL_SSM", ssm.baseUrl()));
        assertEquals(Map.of(), new StoredSecrets(env, HttpClient.newHttpClient()).read());
        assertEquals(0, ssm.getAllServeEvents().size());
    }

    private void assertRefusal(String line, Map<String, String> env) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> config(env));
        assertEquals(line, refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
        assertNoSecretIn(refused.getMessage() + logText());
    }

    /** What Lambda gives a function (its region and role) with the two required secrets named. */
    private Map<String, String> lambda() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "ASIAFUNCTIONROLE");
        env.put("AWS_SECRET_ACCESS_KEY", "role-secret");
        env.put("AWS_SESSION_TOKEN", "the-session-token");
        env.put("AWS_ENDPOINT_URL_SSM", ssm.baseUrl());
        env.put("CLERK_SECRET_KEY_PARAMETER", PREFIX + "CLERK_SECRET_KEY");
        env.put("DUB_API_KEY_PARAMETER", PREFIX + "DUB_API_KEY");
        return env;
    }

    /** The configuration as the service builds it, the store's values in it. */
    private static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withCustomizers(new StoredSecrets(env, HttpClient.newHttpClient()))
                .withSources(new PropertiesConfigSource(Map.of("clerk.secret-key", "${CLERK_SECRET_KEY}",
                        "dub.api-key", "${DUB_API_KEY}", "clerk.webhook.signing-secret", "${CLERK_WEBHOOK_SIGNING_SECRET:}",
                        "clerk.issuer", "https://clerk.example.com"), "application.properties", 250))
                .withSources(new ClerkTokenSettings())
                .withInterceptors(new PastedValues())
                .build();
    }

    private void stored(Map<String, String> values) {
        StringBuilder parameters = new StringBuilder();
        values.forEach((setting, value) -> parameters.append(parameters.isEmpty() ? "" : ",").append("{\"Name\":\"")
                .append(PREFIX).append(setting).append("\",\"Type\":\"SecureString\",\"Value\":")
                .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(value)).append('}'));
        ssm.stubFor(post("/").withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"WithDecryption\":true}", true, true))
                .willReturn(aResponse().withBody("{\"Parameters\":[" + parameters + "],\"InvalidParameters\":[]}")));
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        logged.forEach(record -> text.append(new java.util.logging.SimpleFormatter().formatMessage(record)).append('\n'));
        return text.toString();
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : List.of(CLERK_KEY, DUB_KEY, WEBHOOK_SECRET, "role-secret", "the-session-token", "fromTheStore")) {
            assertFalse(text.contains(secret), "a secret in: " + text);
        }
    }

    private static String publicKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----";
    }
}
