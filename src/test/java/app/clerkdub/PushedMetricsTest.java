package app.clerkdub;

import static app.clerkdub.fakes.Requests.PATH;
import static app.clerkdub.fakes.Requests.withBearer;
import static app.clerkdub.fakes.SessionTokens.USER_ID;
import static app.clerkdub.fakes.SessionTokens.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.clerkdub.fakes.Fakes;
import app.clerkdub.fakes.SentSecrets;
import app.clerkdub.sandbox.ClerkUser;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The push path for a platform that cannot scrape the management port: with the SDK on (as a deployment that names
 * a collector has it), the meters of {@code /q/metrics} reach the OTLP exporter too, here fakes/Meters' in-memory
 * one, by their Micrometer names and tags. Also on the Lambda build, which has no management port at all.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class PushedMetricsTest {
    @Inject
    InMemoryMetricExporter exporter;
    @Inject
    OpenTelemetry openTelemetry;

    @BeforeEach
    void healthyUpstreams() {
        Fakes.reset();
        Fakes.clerk().givenUser(ClerkUser.named(USER_ID));
        exporter.reset();
    }

    @Test
    void theLeadsOutcomeTheUpstreamCallsAndTheCircuitsArePushed() throws Exception {
        withBearer(session().sign()).post(PATH).then().statusCode(200).body("status", equalTo("no_click"));
        Map<String, MetricData> pushed = flush();

        MetricData outcomes = pushed.get("leads.outcomes");
        assertNotNull(outcomes, "leads.outcomes pushed: " + pushed.keySet());
        assertTrue(outcomes.getDoubleSumData().getPoints().stream()
                .anyMatch(point -> "no_click".equals(tag(point, "outcome")) && point.getValue() >= 1),
                outcomes.toString());

        MetricData calls = pushed.get("upstream.calls");
        assertNotNull(calls, "upstream.calls pushed: " + pushed.keySet());
        assertEquals(MetricDataType.HISTOGRAM, calls.getType(), "a timer is pushed as a histogram");
        assertTrue(calls.getHistogramData().getPoints().stream()
                .anyMatch(point -> "clerk".equals(tag(point, "upstream")) && "get_user".equals(tag(point, "operation"))
                        && "ok".equals(tag(point, "result")) && point.getCount() >= 1),
                calls.toString());

        assertTrue(pushed.containsKey("upstream.circuit.state"), "the circuits' gauge: " + pushed.keySet());

        Set<String> secrets = SentSecrets.all();
        for (MetricData metric : pushed.values()) {
            for (PointData point : metric.getData().getPoints()) {
                String attributes = point.getAttributes().toString();
                secrets.forEach(secret -> assertFalse(attributes.contains(secret), metric.getName() + ": " + attributes));
            }
        }
    }

    /** What the next periodic export would send, sent now. */
    private Map<String, MetricData> flush() {
        ((OpenTelemetrySdk) openTelemetry).getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
        Map<String, MetricData> byName = new HashMap<>();
        exporter.getFinishedMetricItems().forEach(metric -> byName.put(metric.getName(), metric));
        return byName;
    }

    private static String tag(PointData point, String key) {
        Attributes attributes = point.getAttributes();
        return attributes.get(AttributeKey.stringKey(key));
    }
}
