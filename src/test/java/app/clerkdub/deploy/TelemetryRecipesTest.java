package app.clerkdub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What the deploy recipes give operations beyond the service's own settings (RecipesTest has those): on Lambda, a
 * log group with a retention, three alarms on the function, and an OpenTelemetry collector layer that is off unless
 * named; on Cloud Run and Knative, a collector sidecar that is off as the files stand and, with its blocks
 * uncommented as docs/deploy.md says, is a valid manifest whose service sends to it and whose collector listens where
 * it sends. The SAM template is read as YAML, each short-form tag ({@code !Ref X}) read as its argument; cfn-lint and
 * SAM's transform check it further where Python has them (RecipesTest).
 */
class TelemetryRecipesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path CLOUD_RUN_COLLECTOR = Path.of("deploy", "cloudrun", "otel-collector.yaml");
    static final Path KNATIVE_COLLECTOR = Path.of("deploy", "knative", "otel-collector.yaml");
    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SIDECAR_ENDPOINT = "http://localhost:4317";
    /** A value SAM leaves out unless the condition holds: {@code !If [Condition, value, !Ref AWS::NoValue]}. */
    static final String NO_VALUE = "AWS::NoValue";

    @Test
    void theFunctionLogsToAGroupOfItsOwnThatExpires() throws Exception {
        JsonNode template = yaml(RecipesTest.SAM);
        JsonNode group = template.at("/Resources/FunctionLogs");
        assertEquals("AWS::Logs::LogGroup", group.path("Type").asText());
        assertEquals("LogRetentionDays", group.at("/Properties/RetentionInDays").asText());
        JsonNode retention = template.at("/Parameters/LogRetentionDays");
        Set<String> allowed = new TreeSet<>();
        retention.path("AllowedValues").forEach(days -> allowed.add(days.asText()));
        assertTrue(allowed.contains(retention.path("Default").asText()), "a retention CloudWatch accepts: " + retention);
        JsonNode logging = function(template).path("LoggingConfig");
        assertEquals("FunctionLogs", logging.path("LogGroup").asText(), "the function logs to that group");
        // Plain text: each line the service writes is one event as written, so that CloudWatch reads the EMF lines.
        assertEquals("Text", logging.path("LogFormat").asText());
    }

    @Test
    void threeAlarmsWatchTheFunctionAndNotifyTheTopicOnlyWhenOneIsGiven() throws Exception {
        JsonNode template = yaml(RecipesTest.SAM);
        Map<String, JsonNode> alarms = new TreeMap<>();
        template.path("Resources").forEach(resource -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.path("Type").asText())) {
                alarms.put(resource.at("/Properties/MetricName").asText(), resource.path("Properties"));
            }
        });
        assertEquals(Set.of("Duration", "Errors", "Throttles"), alarms.keySet());
        alarms.forEach((metric, alarm) -> {
            assertEquals("AWS/Lambda", alarm.path("Namespace").asText(), metric);
            assertEquals("FunctionName", alarm.at("/Dimensions/0/Name").asText(), metric);
            assertEquals("ClerkDubLeads", alarm.at("/Dimensions/0/Value").asText(), metric + " watches the function");
            assertEquals("notBreaching", alarm.path("TreatMissingData").asText(), metric + ": no traffic is not an alarm");
            for (String actions : List.of("AlarmActions", "OKActions")) {
                assertEquals(List.of("HasAlarmTopic", "[\"AlarmTopicArn\"]", NO_VALUE), texts(alarm.path(actions)),
                        metric + " " + actions);
            }
        });
        assertEquals("p99", alarms.get("Duration").path("ExtendedStatistic").asText());
        assertFalse(alarms.get("Duration").has("Statistic"), "a percentile, not an average");
        assertEquals("", template.at("/Parameters/AlarmTopicArn/Default").asText());
        assertEquals(List.of("[\"AlarmTopicArn\",\"\"]"), texts(template.at("/Conditions/HasAlarmTopic")));
    }

    @Test
    void theCollectorLayerIsOffByDefaultAndTheFunctionSendsToItWhenNamed() throws Exception {
        JsonNode template = yaml(RecipesTest.SAM);
        assertEquals("", template.at("/Parameters/OtelCollectorLayerArn/Default").asText(), "no layer by default");
        assertEquals(List.of("[\"OtelCollectorLayerArn\",\"\"]"), texts(template.at("/Conditions/HasCollector")));
        JsonNode function = function(template);
        assertEquals(List.of("HasCollector", "[\"OtelCollectorLayerArn\"]", NO_VALUE), texts(function.path("Layers")));
        Map<String, String> variables = RecipesTest.samSettings(RecipesTest.text(RecipesTest.SAM));
        assertEquals("!If [HasCollector, '" + SIDECAR_ENDPOINT + "', !Ref AWS::NoValue]", variables.get(ENDPOINT),
                "the SDK is on only with the layer, and sends to it");
        assertFalse(variables.containsKey("METRICS_EMF"), "the metric lines stay on, the layer or not");
    }

    @Test
    void cloudRunsSidecarIsOffAsTheFileStandsAndValidWhenUncommented() throws Exception {
        String manifest = RecipesTest.text(RecipesTest.CLOUD_RUN);
        JsonNode as = YAML.readTree(manifest);
        assertEquals(1, as.at("/spec/template/spec/containers").size(), "one container as the file stands");
        assertFalse(RecipesTest.containerEnv(manifest).containsKey(ENDPOINT), "tracing off as the file stands");

        JsonNode with = YAML.readTree(withCollector(manifest, 5));
        JsonNode spec = with.at("/spec/template/spec");
        JsonNode sidecar = sidecarSendingTo(spec);
        JsonNode service = spec.at("/containers/0");
        // Cloud Run starts the sidecar first and the service once the sidecar's startup probe passes.
        Map<String, List<String>> dependencies = new TreeMap<>();
        YAML.readTree(with.at("/spec/template/metadata/annotations").path("run.googleapis.com/container-dependencies")
                .asText()).fields().forEachRemaining(entry -> dependencies.put(entry.getKey(), texts(entry.getValue())));
        assertEquals(Map.of(service.path("name").asText(), List.of(sidecar.path("name").asText())), dependencies);
        JsonNode collector = YAML.readTree(RecipesTest.text(CLOUD_RUN_COLLECTOR));
        assertEquals(collector.at("/extensions/health_check/endpoint").asText().replaceAll(".*:", ""),
                sidecar.at("/startupProbe/httpGet/port").asText(), "the sidecar's probe asks its health_check");
        assertEquals("config.yaml", spec.at("/volumes/0/secret/items/0/path").asText());
        assertListensWhereTheServiceSends(collector);
    }

    @Test
    void knativesSidecarIsOffAsTheFileStandsAndValidWhenUncommented() throws Exception {
        String manifest = RecipesTest.text(RecipesTest.KNATIVE);
        JsonNode as = YAML.readTree(manifest);
        assertEquals(1, as.at("/spec/template/spec/containers").size(), "one container as the file stands");
        assertFalse(RecipesTest.containerEnv(manifest).containsKey(ENDPOINT), "tracing off as the file stands");

        JsonNode spec = YAML.readTree(withCollector(manifest, 4)).at("/spec/template/spec");
        sidecarSendingTo(spec);
        JsonNode configMap = YAML.readTree(RecipesTest.text(KNATIVE_COLLECTOR));
        assertEquals("ConfigMap", configMap.path("kind").asText());
        assertEquals(spec.at("/volumes/0/configMap/name").asText(), configMap.at("/metadata/name").asText());
        assertListensWhereTheServiceSends(YAML.readTree(configMap.at("/data/config.yaml").asText()));
    }

    /**
     * The manifest's two containers: the service's first (it alone has ports) sending to the sidecar, whose
     * configuration file is the one its volume mounts. Returns the sidecar.
     */
    static JsonNode sidecarSendingTo(JsonNode spec) {
        assertEquals(2, spec.path("containers").size(), "the service and the collector");
        JsonNode service = spec.at("/containers/0");
        JsonNode sidecar = spec.at("/containers/1");
        assertTrue(service.has("ports") && !sidecar.has("ports"), "the platform routes to the service's port only");
        assertFalse(service.path("name").asText().isEmpty() || sidecar.path("name").asText().isEmpty(), "named");
        Map<String, String> env = new TreeMap<>();
        service.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        assertEquals(SIDECAR_ENDPOINT, env.get(ENDPOINT));
        JsonNode mount = sidecar.at("/volumeMounts/0");
        assertEquals(spec.at("/volumes/0/name").asText(), mount.path("name").asText());
        assertEquals(List.of("--config=" + mount.path("mountPath").asText().replaceAll("/$", "") + "/config.yaml"),
                texts(sidecar.path("args")));
        return sidecar;
    }

    /** OTLP over gRPC on the port the service sends to, and both signals out of it. */
    static void assertListensWhereTheServiceSends(JsonNode collector) {
        assertEquals("localhost:4317", collector.at("/receivers/otlp/protocols/grpc/endpoint").asText());
        for (String signal : List.of("traces", "metrics")) {
            JsonNode pipeline = collector.at("/service/pipelines/" + signal);
            assertEquals(List.of("otlp"), texts(pipeline.path("receivers")), signal);
            assertFalse(pipeline.path("exporters").isEmpty(), signal + " go somewhere");
            pipeline.path("exporters").forEach(exporter -> assertTrue(
                    collector.path("exporters").has(exporter.asText()), signal + ": exporter " + exporter + " defined"));
        }
    }

    /**
     * The manifest with its collector option on, as docs/deploy.md says to: every line between {@code # >>>} and
     * {@code # <<<} uncommented, the markers dropped.
     */
    static String withCollector(String manifest, int blocks) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        int opened = 0;
        for (String line : manifest.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.equals("# >>>")) {
                inside = true;
                opened++;
            } else if (trimmed.equals("# <<<")) {
                inside = false;
            } else if (inside) {
                assertTrue(trimmed.startsWith("# "), "only commented YAML between the markers: " + line);
                lines.add(line.replaceFirst("# ", ""));
            } else {
                lines.add(line);
            }
        }
        assertFalse(inside, "each # >>> is closed by a # <<<");
        assertEquals(blocks, opened, "the option's blocks");
        return String.join("\n", lines);
    }

    private static JsonNode function(JsonNode template) {
        JsonNode function = template.at("/Resources/ClerkDubLeads");
        assertEquals("AWS::Serverless::Function", function.path("Type").asText());
        return function.path("Properties");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.isValueNode() ? item.asText() : item.toString()));
        return texts;
    }

    private static JsonNode yaml(Path file) throws Exception {
        return YAML.readTree(RecipesTest.text(file));
    }
}
