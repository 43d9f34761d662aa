package io.industrybrain.app.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards of docker/grafana, read the way the tests need them. */
final class GrafanaDashboards {

    static final Path GRAFANA = Promtool.DOCKER.resolve("grafana");
    static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
    static final Path DATASOURCES = GRAFANA.resolve("provisioning").resolve("datasources");

    /** Grafana's own variables, which a dashboard uses without defining. */
    static final Set<String> BUILT_INS = Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s",
            "__range_ms", "__from", "__to", "__dashboard", "__user", "__org");
    /** {@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    /** {@code label_values(selector, label)} or {@code label_values(label)}. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Dashboard(String file, JsonNode json) {
        String uid() { return json.path("uid").asText(); }
    }

    /** A panel's query: where it is (file, panel title, refId) and its PromQL. */
    record Query(String where, JsonNode panel, JsonNode target) {
        String expr() { return target.path("expr").asText(); }
    }

    record Variable(String name, String type, String query, boolean includeAll) { }

    /** A {@code label_values} variable query: the series selector (empty: every series) and the label. */
    record LabelValues(Optional<String> selector, String label) { }

    private GrafanaDashboards() { }

    static List<Dashboard> load() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> new Dashboard(f.getFileName().toString(), read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The uids of the provisioned data sources. */
    static Set<String> provisionedDataSourceUids() {
        Set<String> uids = new TreeSet<>();
        try (Stream<Path> files = Files.list(DATASOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
                new YAMLMapper().readTree(file.toFile()).path("datasources").forEach(ds -> uids.add(ds.path("uid").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uids;
    }

    /** Every panel, rows' nested panels included. */
    static List<JsonNode> panels(Dashboard dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.json().path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<Query> queries(Dashboard dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(dashboard.file() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                        panel, target));
            }
        }
        return queries;
    }

    static List<Variable> variables(Dashboard dashboard) {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.json().path("templating").path("list")) {
            JsonNode query = variable.path("query");
            variables.add(new Variable(variable.path("name").asText(), variable.path("type").asText(),
                    query.isObject() ? query.path("query").asText() : query.asText(),
                    variable.path("includeAll").asBoolean()));
        }
        return variables;
    }

    static Optional<LabelValues> labelValues(String variableQuery) {
        Matcher m = LABEL_VALUES.matcher(variableQuery);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LabelValues(Optional.ofNullable(m.group(1)).map(String::strip), m.group(2)));
    }

    /** The names of the variables a dashboard refers to anywhere: queries, titles, links, text. */
    static Set<String> referencedVariables(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collectReferences(node, names);
        return names;
    }

    /** The names of the variables one text refers to. */
    static Set<String> referencedVariables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return names;
    }

    private static void collectReferences(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            names.addAll(referencedVariables(node.asText()));
        } else {
            node.forEach(child -> collectReferences(child, names));
        }
    }

    /** Replaces every variable reference by its value; a reference without a value is left as it is. */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(name, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A copy of a dashboard (or any part of one) with every variable reference in every text replaced by its value. */
    static JsonNode substituteAll(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.asText(), values));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), substituteAll(field.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(substituteAll(element, values)));
            return copy;
        }
        return node;
    }

    /** Values for Grafana's built-in interval variables, as a short-range view would have them. */
    static Map<String, String> builtInValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__rate_interval", "1m");
        values.put("__interval", "15s");
        values.put("__range", "5m");
        return values;
    }
}
