package io.industrybrain.app.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dashboard's variables as Grafana picks them when the dashboard opens with nothing selected, read
 * from a live Prometheus: a textbox keeps its default, a query variable with an "All" option takes it
 * (Grafana writes it into PromQL as {@code (a|b|c)}), and one without takes its first value in sorted
 * order.
 */
final class DashboardVariables {

    /**
     * @param values what each reference is replaced by, Grafana's built-in interval variables included
     * @param shown what a viewer sees selected, per dashboard variable
     * @param problems variables whose query failed or found no values, by dashboard and name
     */
    record Resolved(Map<String, String> values, Map<String, String> shown, List<String> problems) { }

    private DashboardVariables() { }

    static Resolved resolve(GrafanaDashboards.Dashboard dashboard, PrometheusServer prometheus) {
        Map<String, String> values = GrafanaDashboards.builtInValues();
        Map<String, String> shown = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (GrafanaDashboards.Variable variable : GrafanaDashboards.variables(dashboard)) {
            if (variable.type().equals("textbox")) {
                values.put(variable.name(), variable.query());
                shown.put(variable.name(), variable.query());
                continue;
            }
            GrafanaDashboards.LabelValues labelValues = GrafanaDashboards.labelValues(variable.query()).orElseThrow();
            String where = dashboard.file() + " / variable " + variable.name();
            PrometheusServer.QueryResult result = prometheus.query(labelValues.selector().orElseThrow());
            Set<String> found = new TreeSet<>();
            if (result.ok()) {
                result.result().forEach(series -> {
                    JsonNode value = series.path("metric").path(labelValues.label());
                    if (!value.isMissingNode()) {
                        found.add(value.asText());
                    }
                });
            }
            if (found.isEmpty()) {
                problems.add(where + ": " + (result.ok() ? "no values" : result.error()));
                values.put(variable.name(), "no-value-of-" + variable.name());
                shown.put(variable.name(), "(none)");
            } else if (variable.includeAll()) {
                values.put(variable.name(), "(" + String.join("|", found) + ")");
                shown.put(variable.name(), "All");
            } else {
                values.put(variable.name(), found.iterator().next());
                shown.put(variable.name(), found.iterator().next());
            }
        }
        return new Resolved(values, shown, problems);
    }
}
