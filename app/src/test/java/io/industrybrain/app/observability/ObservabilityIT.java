package io.industrybrain.app.observability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.industrybrain.app.BrainApp;
import io.industrybrain.app.BrainSettings;
import io.industrybrain.app.SettingsLoader;
import io.industrybrain.app.livepage.HeadlessChromium;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.simulator.FaultRates;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorRunner;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.streams.topology.targets.TargetValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboards and alert rules against a real Prometheus scraping the
 * app every second, while a simulated fleet (with faults) feeds it through 1-minute windows: no
 * expression may fail, none may be empty unless the allow-list below says why, and the alerts that a
 * healthy run must not raise are empty. Also the query API on the same run, and every dashboard drawn
 * from it by the test-only preview page in headless Chromium (the README's dashboard images).
 */
class ObservabilityIT {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int ENTERPRISES = 40;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** With {@code -Dscreenshots.update=true}, the dashboard pictures wait until Prometheus has seen this many province windows close. */
    private static final int README_WINDOWS = 4;

    /** Alert conditions that may hold in this run, and why; every other alert must stay silent in it. */
    private static final Map<String, String> ALERTS_THAT_MAY_HOLD = Map.of(
            "BrainConsumerLagGrowing", "the simulator's backfill arrives as one burst, which may leave lag that is still shrinking",
            "BrainDeadLetterRateHigh", "the simulator injects malformed, invalid, unknown-enterprise and late records on purpose");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** One expression to evaluate, where it comes from, and what its result may be. */
    private record Check(String where, String expr, Optional<String> mayBeEmptyBecause, boolean mustBeEmpty) { }

    @Test
    void everyDashboardAndAlertExpressionEvaluatesAgainstALiveRun() throws Exception {
        Promtool.requireInstalled();
        BrainSettings settings = SettingsLoader.load(List.of("--broker.port=0", "--registry.port=0", "--http.port=0",
                "--simulator=off", "--data.dir=" + dir.resolve("app"), "--window=" + WINDOW, "--grace=" + GRACE), Map.of(), List.of()).settings();
        SimulatorSettings fleet = SimulatorSettings.defaults().withEnterprises(ENTERPRISES).withBackfill(Duration.ofMinutes(2))
                .withSampleInterval(Duration.ofSeconds(10)).withHeartbeatInterval(Duration.ofSeconds(20))
                .withWindow(WINDOW).withGrace(GRACE)
                .withFaults(FaultRates.parse("duplicate=0.01,late=0.005,malformed=0.005,invalid=0.005,unknown=0.005"));

        try (BrainApp app = BrainApp.start(settings, Map.of());
             Producer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(app.bootstrapServers()));
             SimulatorRunner simulator = new SimulatorRunner(new Simulator(fleet, Clock.systemUTC(),
                     new KafkaEventSink(producer, new AvroSerializer<>(registry(app), true), settings.topics())));
             PrometheusServer prometheus = PrometheusServer.start(dir, URI.create(app.httpUrl()).getAuthority(),
                     Promtool.PROMETHEUS.resolve("alerts.yml"))) {
            Instant scrapedFrom = Instant.now();
            List<MetricTarget> targets = publishTargets(app, producer, settings);
            simulator.start();

            awaitTheSeriesOnMetrics(app);
            awaitPrometheusHasThem(prometheus, app);

            Map<GrafanaDashboards.Dashboard, DashboardVariables.Resolved> dashboards = new LinkedHashMap<>();
            GrafanaDashboards.load().forEach(dashboard -> dashboards.put(dashboard, DashboardVariables.resolve(dashboard, prometheus)));
            List<String> failures = new ArrayList<>();
            for (Check check : checks(dashboards, failures)) {
                PrometheusServer.QueryResult result = prometheus.query(check.expr());
                if (!result.ok()) {
                    failures.add(check.where() + ": " + result.error() + "\n    " + check.expr());
                } else if (result.empty() && check.mayBeEmptyBecause().isEmpty()) {
                    failures.add(check.where() + ": no data\n    " + check.expr());
                } else if (!result.empty() && check.mustBeEmpty()) {
                    failures.add(check.where() + ": holds in a healthy run: " + result.result() + "\n    " + check.expr());
                }
            }
            everyRuleEvaluatesWithoutError(prometheus, failures);
            if (!failures.isEmpty()) {
                fail(failures.size() + " expressions failed:\n" + String.join("\n", failures));
            }

            theQueryApiAnswersFromTheSameRun(app, targets);
            everyDashboardPanelDrawsFromTheSameRun(dashboards, prometheus, scrapedFrom);
        }
    }

    private static SchemaRegistryClient registry(BrainApp app) {
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(app.registryUrl()));
    }

    /**
     * Targets for the province, a chain and a city, keyed as {@code ./brain targets load} keys them (one record per
     * metric: the topic is compacted); the province's three of the plan with their 2020 baselines, as
     * targets/plan-2025.json has them, so that its year has trajectory gaps.
     */
    private static List<MetricTarget> publishTargets(BrainApp app, Producer<String, byte[]> producer, BrainSettings settings) {
        AvroSerializer<MetricTarget> serializer = new AvroSerializer<>(registry(app), true);
        List<MetricTarget> targets = new ArrayList<>();
        for (Map.Entry<Scope, String> scope : Map.of(Scope.INDUSTRY_CHAIN, "TEXTILES", Scope.REGION, "HZ").entrySet()) {
            targets.add(new MetricTarget(scope.getKey(), scope.getValue(), "annualizedLaborProductivity", 22.0, LocalDate.parse("2025-12-31"), null, null));
            targets.add(new MetricTarget(scope.getKey(), scope.getValue(), "fullyDigitizedRate", 0.8, LocalDate.parse("2025-12-31"), null, null));
            targets.add(new MetricTarget(scope.getKey(), scope.getValue(), "cloudAdoptionRate", 0.8, null, null, null));
        }
        LocalDate due = LocalDate.parse("2025-12-31");
        LocalDate baseline = LocalDate.parse("2020-12-31");
        targets.add(new MetricTarget(Scope.PROVINCE, "ZJ", "annualizedLaborProductivity", 22.0, due, 16.6, baseline));
        targets.add(new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, due, 0.683, baseline));
        targets.add(new MetricTarget(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises", 1000.0, due, 263.0, baseline));
        targets.add(new MetricTarget(Scope.PROVINCE, "ZJ", "cloudAdoptionRate", 0.8, null, null, null));
        String topic = settings.topics().targets();
        targets.forEach(t -> producer.send(new ProducerRecord<>(topic, TargetValidator.keyOf(t), serializer.serialize(topic, t))));
        producer.flush();
        return targets;
    }

    /** The series the expressions read exist on /metrics: a final has been read, the Kafka binder has seen the assignment. */
    private static void awaitTheSeriesOnMetrics(BrainApp app) {
        List<String> needed = new ArrayList<>(List.of(
                "brain_last_final_record_timestamp_seconds{scope=\"ENTERPRISE\"}",
                "brain_target{metric=\"fullyDigitizedRate\",scope=\"PROVINCE\",scope_id=\"ZJ\"}",
                "kafka_consumer_fetch_manager_records_lag{",
                "kafka_stream_task_restore_remaining_records_total{",
                "brain_indicator{metric=\"annualizedLaborProductivity\",scope=\"PROVINCE\",scope_id=\"ZJ\"}",
                "brain_period_trajectory_gap{metric=\"smartFactoryEnterprises\",period=\"YEAR\",scope=\"PROVINCE\",scope_id=\"ZJ\"}",
                "brain_period_indicator{metric=\"coverage\",period=\"YEAR\",scope=\"INDUSTRY_CHAIN\","));
        await().alias("/metrics has " + needed + " and latency of final records").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String metrics = get(app.httpUrl() + "/metrics").body();
                    PrometheusText text = new PrometheusText(metrics);
                    return needed.stream().allMatch(metrics::contains)
                            && text.value("brain_emit_latency_from_event_seconds_count", "kind", "final", "scope", "ENTERPRISE").orElse(0.0) > 0;
                });
    }

    private static void awaitPrometheusHasThem(PrometheusServer prometheus, BrainApp app) {
        await().alias("Prometheus scraped the app at least 5 times since the series appeared, the task metrics twice").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    PrometheusServer.QueryResult scrapes = prometheus.query(
                            "count_over_time(brain_last_final_record_timestamp_seconds{job=\"industry-brain\",scope=\"ENTERPRISE\"}[1m]) >= 5");
                    PrometheusServer.QueryResult lag = prometheus.query("kafka_consumer_fetch_manager_records_lag{job=\"industry-brain\"}");
                    // rate() needs two scrapes of a series, and the task metrics appear after the final timestamp may have had its five
                    PrometheusServer.QueryResult restores = prometheus.query(
                            "count_over_time(kafka_stream_task_restore_total{job=\"industry-brain\"}[1m]) >= 2");
                    return scrapes.ok() && !scrapes.empty() && lag.ok() && !lag.empty() && restores.ok() && !restores.empty();
                });
        await().alias("every alert rule evaluated at least once").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<JsonNode> rules = new ArrayList<>();
                    prometheus.rules().forEach(group -> group.path("rules").forEach(rules::add));
                    return !rules.isEmpty() && rules.stream().noneMatch(r -> r.path("lastEvaluation").asText().startsWith("0001"));
                });
    }

    /** The alert expressions and every panel expression, with the dashboards' variables resolved against Prometheus. */
    private static List<Check> checks(Map<GrafanaDashboards.Dashboard, DashboardVariables.Resolved> dashboards, List<String> failures)
            throws IOException {
        List<Check> checks = new ArrayList<>();
        JsonNode alerts = new YAMLMapper().readTree(Promtool.PROMETHEUS.resolve("alerts.yml").toFile());
        for (JsonNode group : alerts.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                String reason = ALERTS_THAT_MAY_HOLD.getOrDefault(alert, "an alert condition, silent while healthy");
                checks.add(new Check("alerts.yml / " + alert, rule.path("expr").asText(), Optional.of(reason),
                        !ALERTS_THAT_MAY_HOLD.containsKey(alert)));
            }
        }
        dashboards.forEach((dashboard, variables) -> {
            failures.addAll(variables.problems());
            for (GrafanaDashboards.Query query : GrafanaDashboards.queries(dashboard)) {
                checks.add(new Check(query.where(), GrafanaDashboards.substitute(query.expr(), variables.values()), Optional.empty(), false));
            }
        });
        return checks;
    }

    /** Prometheus evaluated every rule on the live series without an error (e.g. a many-to-many match). */
    private static void everyRuleEvaluatesWithoutError(PrometheusServer prometheus, List<String> failures) {
        prometheus.rules().forEach(group -> group.path("rules").forEach(rule -> {
            if (!rule.path("health").asText().equals("ok")) {
                failures.add("rule " + rule.path("name").asText() + " is " + rule.path("health").asText() + ": " + rule.path("lastError").asText());
            }
        }));
    }

    private static void theQueryApiAnswersFromTheSameRun(BrainApp app, List<MetricTarget> published) throws Exception {
        JsonNode scopes = JSON.readTree(get(app.httpUrl() + "/api/scopes").body());
        assertEquals(ENTERPRISES, scopes.path("ENTERPRISE").asInt(), "every enterprise of the fleet has records: " + scopes);
        assertEquals("[\"ZJ\"]", scopes.path("PROVINCE").toString(), "the province has records: " + scopes);

        JsonNode outcomes = JSON.readTree(get(app.httpUrl() + "/api/outcomes").body()).path("topics");
        assertEquals(Set.of("brain.enterprises", "brain.targets", "brain.telemetry", "brain.production", "brain.shifts", "brain.processes"),
                toSet(outcomes.fieldNames()));
        outcomes.fields().forEachRemaining(topic -> assertTrue(topic.getValue().path("balanced").asBoolean(), topic.toString()));
        assertTrue(outcomes.path("brain.telemetry").path("deadLettered").path("DESERIALIZATION").asLong() > 0, "malformed records injected");

        HttpResponse<String> enterprise = get(app.httpUrl() + "/api/latest?scope=ENTERPRISE&scopeId=E0000001");
        assertEquals(200, enterprise.statusCode());
        JsonNode record = JSON.readTree(enterprise.body()).path("records").get(0);
        Instant ingested = Instant.parse(record.path("lastIngestTime").asText());
        Instant emitted = Instant.parse(record.path("emittedAt").asText());
        assertFalse(ingested.isAfter(emitted), record.toString());
        assertEquals(404, get(app.httpUrl() + "/api/latest?scope=ENTERPRISE&scopeId=U0000001").statusCode(),
                "an unknown enterprise's events are dead-lettered, never counted");

        Set<String> expected = new TreeSet<>();
        published.forEach(t -> expected.add(t.getScope() + "/" + t.getScopeId() + "/" + t.getMetric() + "=" + t.getTarget()));
        Set<String> served = new TreeSet<>();
        JSON.readTree(get(app.httpUrl() + "/api/targets").body()).forEach(t -> served.add(
                t.path("scope").asText() + "/" + t.path("scopeId").asText() + "/" + t.path("metric").asText() + "=" + t.path("target").asDouble()));
        assertEquals(expected, served);
    }

    /**
     * Each dashboard drawn by the test-only preview page (not Grafana: there is none here) in headless
     * Chromium over this run: every panel drawn, none with an error, every query panel with data (a
     * chart with at least one line). Saves {@code target/screenshots/dashboard-<uid>.png}, and with
     * {@code -Dscreenshots.update=true} the README's {@code docs/images/dashboard-<uid>.png}, after
     * waiting for a few windows of history.
     */
    private static void everyDashboardPanelDrawsFromTheSameRun(Map<GrafanaDashboards.Dashboard, DashboardVariables.Resolved> dashboards,
                                                              PrometheusServer prometheus, Instant from) throws IOException {
        if (Boolean.getBoolean("screenshots.update")) {
            // The README's pictures should show windows closing, not the first seconds of a run.
            await().alias("Prometheus saw " + README_WINDOWS + " province windows close").atMost(WINDOW.multipliedBy(README_WINDOWS + 3))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> !prometheus.query("changes(brain_last_final_record_timestamp_seconds"
                            + "{job=\"industry-brain\",scope=\"PROVINCE\"}[1h]) >= " + README_WINDOWS).empty());
        }
        Instant to = Instant.now();
        try (DashboardPreview preview = DashboardPreview.start(prometheus.url());
             HeadlessChromium browser = HeadlessChromium.start()) {
            for (Map.Entry<GrafanaDashboards.Dashboard, DashboardVariables.Resolved> entry : dashboards.entrySet()) {
                GrafanaDashboards.Dashboard dashboard = entry.getKey();
                browser.load(preview.publish(dashboard, entry.getValue(), from, to));
                await().alias(dashboard.file() + " drawn by the preview").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                        .until(() -> !"loading".equals(drawing(browser).get("state")));
                Map<String, Object> drawn = drawing(browser);
                assertEquals("rendered", drawn.get("state"), dashboard.file() + ": " + drawn.get("error"));
                assertEquals("Preview of Grafana dashboard '" + dashboard.json().path("title").asText()
                        + "' rendered from its JSON against a live Prometheus (not Grafana itself)", drawn.get("title"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> panels = (List<Map<String, Object>>) drawn.get("panels");
                assertEquals(GrafanaDashboards.panels(dashboard).size(), panels.size(), dashboard.file() + ": panels drawn");
                List<String> wrong = new ArrayList<>();
                for (Map<String, Object> panel : panels) {
                    String where = dashboard.file() + " / " + panel.get("title") + " (" + panel.get("type") + ")";
                    int leastPoints = switch ((String) panel.get("type")) {
                        case "timeseries" -> 2;
                        case "stat", "table" -> 1;
                        default -> 0;
                    };
                    if (!"rendered".equals(panel.get("state"))) {
                        wrong.add(where + ": " + panel.get("state") + " " + panel.getOrDefault("error", ""));
                    } else if (leastPoints > 0 && Integer.parseInt((String) panel.get("points")) < leastPoints) {
                        wrong.add(where + ": " + panel.get("points") + " points drawn");
                    }
                }
                assertTrue(wrong.isEmpty(), "panels not drawn from the run:\n" + String.join("\n", wrong));
                browser.fitWindowToPage();
                await().alias("the window shows all of " + dashboard.file()).atMost(TIMEOUT)
                        .until(() -> (Boolean) browser.script("return window.innerHeight >= document.documentElement.scrollHeight"));
                browser.screenshotForReadme("dashboard-" + dashboard.uid());
            }
        }
    }

    /** What the preview page says it drew: its state, its title, and each panel's data attributes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> drawing(HeadlessChromium browser) {
        return (Map<String, Object>) browser.script("""
                return {
                  state: document.body.dataset.state,
                  error: document.body.dataset.error || '',
                  title: document.getElementById('title').innerText,
                  panels: Array.from(document.querySelectorAll('.panel')).map((panel) => Object.assign({}, panel.dataset)),
                };
                """);
    }

    private static Set<String> toSet(Iterator<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
