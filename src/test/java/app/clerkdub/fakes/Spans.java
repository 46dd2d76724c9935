package app.clerkdub.fakes;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Where the service's spans go in the {@code @QuarkusTest}s: a CDI span exporter, which Quarkus installs in the
 * OTLP exporter's place (src/test/resources/application.properties turns the SDK on). A test injects it and
 * reads every span its requests made; it holds the spans of the whole run until a test resets it.
 */
@Singleton
public class Spans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
