package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioned dashboards are usable as checked in: every panel queries a provisioned data source,
 * every variable used is defined, every variable query is a valid {@code label_values} over a valid
 * selector, and every panel expression parses as PromQL (with Prometheus' own parser, via promtool).
 * That the expressions also return data is ObservabilityIT's job.
 */
class GrafanaDashboardsTest {

    @TempDir
    Path dir;

    private final List<GrafanaDashboards.Dashboard> dashboards = GrafanaDashboards.load();

    @Test
    void theFourDashboardsAreThereWithUniqueUids() {
        assertEquals(List.of("enterprise-drilldown.json", "pipeline-health.json", "plan-progress.json", "province-and-chains.json"),
                dashboards.stream().map(GrafanaDashboards.Dashboard::file).toList());
        assertEquals(4, dashboards.stream().map(GrafanaDashboards.Dashboard::uid).distinct().count());
    }

    @Test
    void everyPanelQueriesAProvisionedDataSource() {
        Set<String> provisioned = GrafanaDashboards.provisionedDataSourceUids();
        assertEquals(Set.of("prometheus"), provisioned);
        List<String> wrong = new ArrayList<>();
        for (GrafanaDashboards.Dashboard dashboard : dashboards) {
            for (JsonNode panel : GrafanaDashboards.panels(dashboard)) {
                boolean queries = panel.path("targets").size() > 0;
                if (queries && !provisioned.contains(panel.path("datasource").path("uid").asText())) {
                    wrong.add(dashboard.file() + " / " + panel.path("title").asText() + ": " + panel.path("datasource"));
                }
            }
            for (GrafanaDashboards.Query query : GrafanaDashboards.queries(dashboard)) {
                JsonNode datasource = query.target().path("datasource");
                if (!datasource.isMissingNode() && !provisioned.contains(datasource.path("uid").asText())) {
                    wrong.add(query.where() + ": " + datasource);
                }
            }
            dashboard.json().path("templating").path("list").forEach(variable -> {
                if (variable.path("type").asText().equals("query") && !provisioned.contains(variable.path("datasource").path("uid").asText())) {
                    wrong.add(dashboard.file() + " / variable " + variable.path("name").asText());
                }
            });
        }
        assertTrue(wrong.isEmpty(), "data sources not provisioned: " + wrong);
    }

    @Test
    void everyVariableUsedIsDefined() {
        for (GrafanaDashboards.Dashboard dashboard : dashboards) {
            assertEquals(Set.of(), undefinedVariables(dashboard.json()), dashboard.file());
        }
    }

    @Test
    void anUndefinedVariableIsFound() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree("""
                {"templating": {"list": [{"name": "chain", "type": "query", "query": "label_values(up, job)"}]},
                 "panels": [{"title": "Chain $chain in ${city}", "targets": [{"expr": "up{a=\\"$chain\\", b=\\"[[plant]]\\"}[$__rate_interval]"}]}]}
                """);
        assertEquals(Set.of("city", "plant"), undefinedVariables(dashboard));
    }

    private static Set<String> undefinedVariables(JsonNode dashboard) {
        Set<String> defined = new HashSet<>(GrafanaDashboards.BUILT_INS);
        dashboard.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
        Set<String> undefined = new TreeSet<>(GrafanaDashboards.referencedVariables(dashboard));
        undefined.removeAll(defined);
        return undefined;
    }

    @Test
    void substitutingAWholeDashboardReplacesReferencesInEveryTextAndKeepsEverythingElse() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode dashboard = json.readTree("""
                {"title": "Chain $chain", "refresh": 30, "editable": false,
                 "panels": [{"title": "City ${city}", "gridPos": {"x": 0, "w": 12},
                             "targets": [{"expr": "rate(x{c=~\\"$chain\\"}[$__rate_interval])", "legendFormat": "{{scope_id}}"}],
                             "links": ["[[city]]/$unknown"]}]}
                """);
        JsonNode resolved = GrafanaDashboards.substituteAll(dashboard, Map.of("chain", "(A|B)", "city", "HZ", "__rate_interval", "1m"));
        assertEquals(json.readTree("""
                {"title": "Chain (A|B)", "refresh": 30, "editable": false,
                 "panels": [{"title": "City HZ", "gridPos": {"x": 0, "w": 12},
                             "targets": [{"expr": "rate(x{c=~\\"(A|B)\\"}[1m])", "legendFormat": "{{scope_id}}"}],
                             "links": ["HZ/$unknown"]}]}
                """), resolved);
        assertEquals("Chain $chain", dashboard.path("title").asText(), "the dashboard itself is left as it was");
    }

    @Test
    void everyVariableQueryIsALabelValuesQueryOverAValidSelector() throws IOException {
        Map<String, String> selectors = new LinkedHashMap<>();
        for (GrafanaDashboards.Dashboard dashboard : dashboards) {
            for (GrafanaDashboards.Variable variable : GrafanaDashboards.variables(dashboard)) {
                if (!variable.type().equals("query")) {
                    assertEquals("textbox", variable.type(), dashboard.file() + " / " + variable.name());
                    continue;
                }
                Optional<GrafanaDashboards.LabelValues> labelValues = GrafanaDashboards.labelValues(variable.query());
                assertTrue(labelValues.isPresent(), dashboard.file() + " / " + variable.name() + " is not label_values(...): " + variable.query());
                assertTrue(labelValues.get().selector().isPresent(), dashboard.file() + " / " + variable.name() + " reads every series");
                selectors.put(dashboard.file() + " / variable " + variable.name(), labelValues.get().selector().get());
            }
        }
        assertFalse(selectors.isEmpty());
        Promtool.assertParses(selectors, dir);
    }

    @Test
    void theLabelValuesFormIsRecognised() {
        assertEquals(Optional.of(new GrafanaDashboards.LabelValues(Optional.of("brain_indicator{scope=\"REGION\"}"), "scope_id")),
                GrafanaDashboards.labelValues("label_values(brain_indicator{scope=\"REGION\"}, scope_id)"));
        assertEquals(Optional.empty(), GrafanaDashboards.labelValues("query_result(up)"));
    }

    @Test
    void everyPanelExpressionParses() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (GrafanaDashboards.Dashboard dashboard : dashboards) {
            Map<String, String> values = GrafanaDashboards.builtInValues();
            GrafanaDashboards.variables(dashboard).forEach(v -> values.put(v.name(), "placeholder"));
            for (GrafanaDashboards.Query query : GrafanaDashboards.queries(dashboard)) {
                assertFalse(query.expr().isBlank(), query.where() + " has no expression");
                expressions.put(query.where(), GrafanaDashboards.substitute(query.expr(), values));
            }
        }
        Promtool.assertParses(expressions, dir);
    }

    @Test
    void aBrokenExpressionIsReportedByName() {
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> Promtool.assertParses(Map.of("some panel / A", "sum by (topic (rate(x[1m]))"), dir));
        assertTrue(error.getMessage().contains("some panel / A"), error.getMessage());
    }
}
