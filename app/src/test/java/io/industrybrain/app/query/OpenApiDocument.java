package io.industrybrain.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query API's {@code openapi.json} as a test reads it, with a validator of answers against its schemas: the
 * part of JSON Schema the document uses ({@code $ref} to its components, {@code type} as a name or a list of names
 * with {@code "null"}, {@code enum}, {@code required}, {@code properties}, {@code additionalProperties} as false or
 * a schema, {@code items}, {@code minimum}, {@code maximum}, and the formats {@code date-time} and {@code date}).
 * A keyword it does not know fails the validation, so the document cannot say more than is checked.
 */
public final class OpenApiDocument {

    private static final Set<String> KEYWORDS = Set.of("$ref", "type", "enum", "required", "properties", "additionalProperties",
            "items", "minimum", "maximum", "format", "description", "default");

    private final JsonNode document;

    public OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /** The document as packaged beside QueryApi. */
    public static OpenApiDocument packaged() {
        try (InputStream in = QueryApi.class.getResourceAsStream("openapi.json")) {
            return new OpenApiDocument(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode json() {
        return document;
    }

    /** The documented paths, sorted. */
    public Set<String> paths() {
        Set<String> paths = new TreeSet<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** The names of the GET operation's parameters of a path, in the document's order. */
    public List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        document.path("paths").path(path).path("get").path("parameters").forEach(p -> names.add(resolve(p).path("name").asText()));
        return names;
    }

    /** The statuses documented for a path's GET. */
    public Set<String> statuses(String path) {
        Set<String> statuses = new TreeSet<>();
        document.path("paths").path(path).path("get").path("responses").fieldNames().forEachRemaining(statuses::add);
        return statuses;
    }

    /** The schema of a documented response, resolved. */
    public JsonNode responseSchema(String path, int status) {
        JsonNode response = document.path("paths").path(path).path("get").path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError("GET " + path + " documents no " + status + " response");
        }
        return resolve(resolve(response).path("content").path("application/json").path("schema"));
    }

    public JsonNode schema(String name) {
        return document.path("components").path("schemas").path(name);
    }

    /** What is wrong with {@code value} against {@code schema}; empty when it is valid. */
    public List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local references: " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new AssertionError("no " + ref);
            }
        }
        return node;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String where, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KEYWORDS.contains(keyword)) {
                throw new AssertionError("the validator does not check " + keyword + " (at " + where + ")");
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(type -> is(value, type))) {
                problems.add(where + ": " + value + " is not of type " + types);
                return;
            }
        }
        if (value.isNull()) {
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(where + ": " + value + " is below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
            problems.add(where + ": " + value + " is above " + schema.get("maximum"));
        }
        if (schema.has("format") && value.isTextual()) {
            format(value.asText(), schema.get("format").asText(), where, problems);
        }
        if (value.isObject()) {
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(where + ": lacks " + name.asText());
                }
            });
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = where + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), at, problems);
                } else if (additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(at + ": not documented");
                } else if (additional.isObject()) {
                    check(field.getValue(), additional, at, problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
            }
        }
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "null" -> value.isNull();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            default -> throw new AssertionError("no JSON Schema type " + type);
        };
    }

    private static void format(String text, String format, String where, List<String> problems) {
        try {
            switch (format) {
                case "date-time" -> Instant.parse(text);
                case "date" -> LocalDate.parse(text);
                default -> throw new AssertionError("the validator does not check format " + format);
            }
        } catch (DateTimeParseException e) {
            problems.add(where + ": " + text + " is not a " + format);
        }
    }
}
