package app.clerkdub.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The SDK (traces and metrics) is on exactly where a collector was named, by the standard variable or by Quarkus' own
 * properties.
 */
class TraceExportTest {
    /** application.properties' mapping of the standard variable. */
    static final Map<String, String> MAPPING = Map.of("quarkus.otel.exporter.otlp.endpoint",
            "${OTEL_EXPORTER_OTLP_ENDPOINT:}");

    @Test
    void withNoEndpointTheSdkIsOff() {
        assertEquals("true", sdkDisabled(Map.of()));
        assertEquals("true", sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")));
    }

    @Test
    void theStandardVariableTurnsItOn() {
        assertEquals("false", sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));
    }

    @Test
    void quarkusOwnEndpointsTurnItOnToo() {
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")));
        assertEquals("false",
                sdkDisabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces")));
        assertEquals("false",
                sdkDisabled(Map.of("quarkus.otel.exporter.otlp.metrics.endpoint", "http://collector:4318/v1/metrics")));
    }

    @Test
    void anExplicitSwitchWins() {
        assertEquals("false", sdkDisabled(Map.of("quarkus.otel.sdk.disabled", "false")));
        assertEquals("true", sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "quarkus.otel.sdk.disabled", "true")));
    }

    /** As the service's configuration has it: the mapping at 250, what the deployment sets at 300. */
    static String sdkDisabled(Map<String, String> set) {
        Map<String, String> deployment = new HashMap<>(set);
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(MAPPING, "application.properties", 250))
                .withSources(new PropertiesConfigSource(deployment, "environment", 300))
                .withSources(new TraceExport())
                .build();
        return config.getRawValue(TraceExport.SDK_DISABLED);
    }
}
