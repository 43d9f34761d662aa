package io.industrybrain.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.targets.TargetValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A plan-targets file (format in {@code targets/README.md}): a JSON object with an optional {@code plan} text
 * and a {@code targets} array of {scope, scopeId, metric, target, dueDate?, baseline?, baselineDate?, note?}. Read whole and checked
 * whole before anything is published; the first problem stops it with a {@link SettingException} naming the
 * file, the entry and the field. Unknown fields are problems too: a misspelt {@code dueDate} silently
 * dropped would be a wrong target.
 */
final class TargetsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL = Set.of("plan", "targets");
    private static final Set<String> TARGET_FIELDS = Set.of("scope", "scopeId", "metric", "target", "dueDate", "baseline",
            "baselineDate", "note");

    private TargetsFile() { }

    static List<MetricTarget> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw bad(file, "not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw bad(file, "cannot read it: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "must be a JSON object with a \"targets\" array");
        }
        requireOnly(file, "the top level", root, TOP_LEVEL);
        JsonNode targets = root.path("targets");
        if (!targets.isArray()) {
            throw bad(file, "\"targets\" must be an array");
        }
        List<MetricTarget> read = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String where = "targets[" + i + "]";
            MetricTarget target = target(file, where, targets.get(i));
            if (!keys.add(TargetValidator.keyOf(target))) {
                throw bad(file, where + ": a second target for " + TargetValidator.keyOf(target));
            }
            read.add(target);
        }
        return read;
    }

    private static MetricTarget target(Path file, String where, JsonNode node) {
        if (!node.isObject()) {
            throw bad(file, where + ": must be an object");
        }
        requireOnly(file, where, node, TARGET_FIELDS);
        Scope scope;
        String scopeName = text(file, where, node, "scope");
        try {
            scope = Scope.valueOf(scopeName);
        } catch (IllegalArgumentException e) {
            throw bad(file, where + ".scope: '" + scopeName + "' is not one of " + Arrays.toString(Scope.values()));
        }
        JsonNode value = node.path("target");
        if (!value.isNumber()) {
            throw bad(file, where + ".target: must be a number");
        }
        Double baseline = null;
        if (node.has("baseline")) {
            if (!node.path("baseline").isNumber()) {
                throw bad(file, where + ".baseline: must be a number");
            }
            baseline = node.path("baseline").doubleValue();
        }
        MetricTarget target = new MetricTarget(scope, text(file, where, node, "scopeId"), text(file, where, node, "metric"),
                value.doubleValue(), date(file, where, node, "dueDate"), baseline, date(file, where, node, "baselineDate"));
        TargetValidator.problemsOfValue(target).ifPresent(problem -> {
            throw bad(file, where + ": " + problem);
        });
        return target;
    }

    private static LocalDate date(Path file, String where, JsonNode node, String field) {
        if (!node.has(field)) {
            return null;
        }
        String date = text(file, where, node, field);
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw bad(file, where + "." + field + ": '" + date + "' is not a date YYYY-MM-DD");
        }
    }

    private static String text(Path file, String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw bad(file, where + "." + field + ": must be a string");
        }
        return value.asText();
    }

    private static void requireOnly(Path file, String where, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw bad(file, where + ": unknown field \"" + name + "\" (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static SettingException bad(Path file, String problem) {
        return new SettingException("targets", file + ": " + problem);
    }
}
