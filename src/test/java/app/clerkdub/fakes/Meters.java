package app.clerkdub.fakes;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;

/**
 * Where the service's pushed metrics go in the {@code @QuarkusTest}s: a CDI metric exporter, which Quarkus installs
 * in the OTLP exporter's place as it does {@link Spans}' (src/test/resources/application.properties turns the SDK
 * on), so that no test run dials a collector. A test injects it, flushes the SDK's reader and reads what a
 * collector would receive.
 */
@Singleton
public class Meters {

    @Produces
    @Singleton
    InMemoryMetricExporter exporter() {
        return InMemoryMetricExporter.create();
    }
}
