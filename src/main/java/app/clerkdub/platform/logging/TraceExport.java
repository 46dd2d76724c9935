package app.clerkdub.platform.logging;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Traces and metrics are exported only where a collector was named: with {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * Quarkus' own {@code quarkus.otel.exporter.otlp[.traces|.metrics].endpoint}) unset, {@code quarkus.otel.sdk.disabled}
 * is true, so the OpenTelemetry SDK is a no-op: no span is recorded, none is queued, the Micrometer bridge's meters
 * record nothing, and no exporter dials Quarkus' default of localhost:4317. Quarkus has no setting that turns the SDK on by the endpoint alone, and the standard OTEL_
 * variables are not read by it (application.properties maps this one). Published below every file, variable and
 * system property, so that {@code QUARKUS_OTEL_SDK_DISABLED} set either way wins.
 */
public class TraceExport implements ConfigSourceFactory {
    static final int ORDINAL = 50;
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.metrics.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean named = ENDPOINTS.stream().anyMatch(property -> isSet(context, property));
        return List.of(new MapBackedConfigSource("trace export", Map.of(SDK_DISABLED, String.valueOf(!named)),
                ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigSourceContext context, String property) {
        try {
            ConfigValue value = context.getValue(property);
            return value != null && value.getValue() != null && !value.getValue().isBlank();
        } catch (NoSuchElementException | IllegalArgumentException unresolvable) {
            return false;
        }
    }
}
