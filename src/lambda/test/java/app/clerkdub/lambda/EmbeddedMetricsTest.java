package app.clerkdub.lambda;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.sandbox.ClerkUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Lambda build's metric lines (EmbeddedMetrics), as CloudWatch Logs reads them: each request and each webhook
 * delivery writes one line that is a JSON object on its own, whose {@code _aws} directive names the namespace, the
 * dimension sets and the metrics, each of them a member of the line with a value of the right kind. The test
 * profile sends the lines to {@link #LINES} rather than to standard output (LambdaFunctionIT reads them there).
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class EmbeddedMetricsTest {
    static final Path LINES = Path.of("target", "test-logs", "emf.log");
    /** A line is read whole: CloudWatch takes an EMF object only as the entire line, nothing before or after it. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @BeforeEach
    void aKnownUser() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
    }

    @Test
    void aLeadIsOneLineWithItsFlowOutcomeAndDuration() {
        int before = lines().size();
        withBearer(session().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        JsonNode line = awaitLine(before, "lead", "no_click");
        assertIsEmbeddedMetricFormat(line);
        assertEquals(200, line.path("Status").asInt());
        assertFalse(line.has("Event"), "a lead has no event type: " + line);
        assertFalse(line.toString().contains(USER_ID), "no user's id in a metric line: " + line);
    }

    @Test
    void aWebhookDeliveryIsOneLineWithItsResultAndEventType() {
        int before = lines().size();
        String code = given().contentType("application/json").body("{}").post("/webhooks/clerk").then()
                .statusCode(401).extract().path("error.code");
        JsonNode line = awaitLine(before, "webhook", code);
        assertIsEmbeddedMetricFormat(line);
        assertEquals(401, line.path("Status").asInt());
        assertTrue(line.path("Event").isTextual(), "the delivery's event type, as its metric tags it: " + line);
    }

    /** What CloudWatch requires of an EMF line, and the service's own namespace, dimensions and metrics. */
    static void assertIsEmbeddedMetricFormat(JsonNode line) {
        JsonNode aws = line.path("_aws");
        long timestamp = aws.path("Timestamp").asLong();
        assertTrue(aws.path("Timestamp").isIntegralNumber()
                && Math.abs(System.currentTimeMillis() - timestamp) < Duration.ofMinutes(1).toMillis(),
                "Timestamp: now, in epoch milliseconds: " + line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertEquals(1, directives.size(), line.toString());
        JsonNode directive = directives.get(0);
        assertEquals("clerk-dub-leads", directive.path("Namespace").asText());
        Set<String> dimensionSets = new TreeSet<>();
        directive.path("Dimensions").forEach(set -> {
            List<String> names = new ArrayList<>();
            set.forEach(name -> {
                names.add(name.asText());
                assertTrue(line.path(name.asText()).isTextual(), "dimension " + name + " is a string member: " + line);
            });
            dimensionSets.add(String.join(",", names));
        });
        assertEquals(Set.of("Flow,Outcome", "Flow"), dimensionSets);
        Set<String> metrics = new TreeSet<>();
        directive.path("Metrics").forEach(metric -> {
            String name = metric.path("Name").asText();
            metrics.add(name + " " + metric.path("Unit").asText());
            assertTrue(line.path(name).isNumber(), "metric " + name + " is a number member: " + line);
        });
        assertEquals(Set.of("Requests Count", "Duration Milliseconds"), metrics);
        assertEquals(1, line.path("Requests").asInt());
        assertTrue(line.path("Duration").asLong() >= 0, line.toString());
    }

    /** The first line after the first {@code before} with this flow and outcome, waited for. */
    static JsonNode awaitLine(int before, String flow, String outcome) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<String> all = lines();
            for (String text : all.subList(Math.min(before, all.size()), all.size())) {
                JsonNode line = JSON.readTree(text);
                if (flow.equals(line.path("Flow").asText()) && outcome.equals(line.path("Outcome").asText())) {
                    return line;
                }
            }
            return null;
        }, line -> line != null);
    }

    static List<String> lines() {
        try {
            return Files.exists(LINES) ? Files.readAllLines(LINES) : List.of();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
