package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The operations files adopters import as they are: the alert rules, each with its runbook section in
 * {@code docs/operations.md}, and the Grafana dashboard, valid JSON whose queries name only metrics. That those
 * metrics are the service's is {@link MetricsTest}'s to check, against a real scrape; that the rules fire is
 * {@code promtool test rules}' (ops/check).
 */
class OpsFilesTest {
    static final Path ALERTS = Path.of("ops", "prometheus", "alerts.yml");
    static final Path DASHBOARD = Path.of("ops", "grafana", "clerk-dub-leads.json");
    static final Path RUNBOOK = Path.of("docs", "operations.md");
    /** Series that Prometheus writes about its scrapes and a blackbox exporter about its probes. */
    static final Set<String> NOT_THE_SERVICES = Set.of("up", "probe_success");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    @Test
    void everyAlertHasARunbookSectionOfItsNameAndPointsAtIt() {
        String runbook = read(RUNBOOK);
        Set<String> sections = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### (\\w+)$").matcher(runbook);
        while (heading.find()) {
            sections.add(heading.group(1));
        }
        List<JsonNode> alerts = alerts();
        assertFalse(alerts.isEmpty(), "alerts in " + ALERTS);
        Set<String> missing = new TreeSet<>();
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            if (!sections.contains(name)) {
                missing.add(name);
            }
            // GitHub's anchor of "### Name" is the name in lower case.
            assertEquals(RUNBOOK.toString().replace('\\', '/') + "#" + name.toLowerCase(Locale.ROOT),
                    alert.path("annotations").path("runbook").asText(), name + "'s runbook annotation");
        }
        assertEquals(Set.of(), missing, "alerts with no '### <alert>' section in " + RUNBOOK);
        assertTrue(read(Path.of("README.md")).contains("(docs/operations.md"), "the README links the runbook");
    }

    @Test
    void theDashboardIsJsonAndEveryPanelQueriesMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> untitled = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            if (panel.path("targets").isEmpty() || panel.path("title").asText().isBlank()) {
                untitled.add(panel.toString());
            }
            for (JsonNode target : panel.path("targets")) {
                queries++;
                assertFalse(metricNames(target.path("expr").asText()).isEmpty(), target.toString());
            }
        }
        assertEquals(List.of(), untitled, "panels without a title or a query");
        assertTrue(queries >= 10, "the dashboard's queries: " + queries);
    }

    @Test
    void metricNamesAreReadOutOfQueries() {
        assertEquals(Set.of("upstream_calls_seconds_bucket"), metricNames("histogram_quantile(0.99, sum by (le, "
                + "upstream) (rate(upstream_calls_seconds_bucket{job=~\"$job\",result!=\"ok\"}[$__rate_interval])))"));
        assertEquals(Set.of("up", "probe_success"), metricNames("up{job=\"a\"} == 0 or probe_success == 0"));
    }

    /** Every metric that the dashboard or an alert rule reads, the series Prometheus writes itself included. */
    static Set<String> queriedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr")
                .forEach(expr -> names.addAll(metricNames(expr.asText())));
        alerts().forEach(alert -> names.addAll(metricNames(alert.path("expr").asText())));
        return names;
    }

    /** The metric names in a PromQL expression: what is left once strings, selectors and groupings are out. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^\\]]*\\]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher word = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][\\w:]*)\\b(?!\\s*\\()").matcher(bare);
        while (word.find()) {
            if (!PROMQL_WORDS.contains(word.group(1).toLowerCase(Locale.ROOT))) {
                names.add(word.group(1));
            }
        }
        return names;
    }

    private static List<JsonNode> alerts() {
        try {
            List<JsonNode> alerts = new ArrayList<>();
            new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile()).path("groups")
                    .forEach(group -> group.path("rules").forEach(rule -> {
                        if (rule.has("alert")) {
                            alerts.add(rule);
                        }
                    }));
            return alerts;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
