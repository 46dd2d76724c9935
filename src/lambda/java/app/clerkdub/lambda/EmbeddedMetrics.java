package app.clerkdub.lambda;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.clerkdub.platform.logging.LogLines.RequestEnded;

/**
 * The service's metrics where a Lambda function has no port to scrape and no collector beside it: one line of
 * CloudWatch's Embedded Metric Format (EMF) per request and per webhook delivery, on standard output, which Lambda
 * sends to the function's log group. CloudWatch Logs finds the line's {@code _aws} object and records its metrics
 * in CloudWatch Metrics: no agent, no API call, no extra service, and nothing lost when Lambda freezes the
 * environment between events (a periodic push would be). Each line records {@code Requests} (1) and
 * {@code Duration} (milliseconds) under the {@code Flow} ({@code lead}, {@code webhook}) and {@code Outcome} of the
 * request, and under the {@code Flow} alone, so that a percentile of the whole flow needs no sum across outcomes;
 * {@code Status} and a delivery's {@code Event} ride along as properties, which Logs Insights can query.
 * <p>
 * Written here, a line at a time, rather than by AWS's aws-embedded-metrics library, which serialises its own
 * classes by reflection (each would need registering for the native build) and adds its environment detection
 * for one JSON object. Jackson's tree model needs no reflection. Standard output rather than a logger: with
 * {@code LOG_JSON=true} Quarkus' JSON formatter wraps every handler's lines, named ones included, and CloudWatch
 * reads an EMF object only as the whole line. The line is written on the request's thread, as the console's log
 * line before it is ({@code quarkus.log.console.async.enabled=false}).
 * <p>
 * {@code METRICS_EMF=false} turns it off; {@code METRICS_EMF_NAMESPACE} names the CloudWatch namespace. In this
 * source folder, so only the Lambda build ({@code -Plambda}) has it: a container is scraped on its management port.
 */
@Singleton
public class EmbeddedMetrics {
    static final String REQUESTS = "Requests";
    static final String DURATION = "Duration";

    private final boolean enabled;
    private final String namespace;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    /** @param file where the lines go instead of standard output: the tests' folder (the test profile sets it) */
    EmbeddedMetrics(@ConfigProperty(name = "metrics.emf.enabled") boolean enabled,
            @ConfigProperty(name = "metrics.emf.namespace") String namespace,
            @ConfigProperty(name = "metrics.emf.file") Optional<String> file) {
        this.enabled = enabled;
        this.namespace = namespace;
        this.out = enabled && file.isPresent() ? appendingTo(Path.of(file.get())) : System.out;
    }

    void write(@Observes RequestEnded ended) {
        if (enabled) {
            out.println(line(namespace, ended, clock.millis()));
        }
    }

    static String line(String namespace, RequestEnded ended, long timestamp) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Flow").add("Outcome");
        dimensions.addArray().add("Flow");
        ArrayNode metrics = directive.putArray("Metrics");
        metrics.addObject().put("Name", REQUESTS).put("Unit", "Count");
        metrics.addObject().put("Name", DURATION).put("Unit", "Milliseconds");
        line.put("Flow", ended.flow()).put("Outcome", ended.outcome());
        line.put(REQUESTS, 1).put(DURATION, ended.millis()).put("Status", ended.status());
        if (ended.event() != null) {
            line.put("Event", ended.event());
        }
        return line.toString();
    }

    private static PrintStream appendingTo(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}
