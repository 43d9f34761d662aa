package io.industrybrain.registry;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST resources of Confluent's Schema Registry API (v1) that serializers, deserializers and the
 * usual tooling call, mapped onto {@link SchemaRegistry}. Responses are always JSON of media type
 * {@value #MEDIA_TYPE}; refusals are {@code {"error_code":N,"message":"..."}} with Confluent's codes.
 * Query parameters this registry has no use for (such as {@code normalize}) are accepted and ignored,
 * as Confluent's registry ignores unknown ones.
 */
final class RegistryHttpApi implements HttpHandler {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpApi.class);
    private static final Set<String> REQUEST_MEDIA_TYPES = Set.of(MEDIA_TYPE, "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");

    private final SchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes;

    RegistryHttpApi(SchemaRegistry registry) {
        this.registry = registry;
        this.routes = List.of(
                new Route("GET", "", request -> json.createObjectNode()),
                new Route("GET", "schemas/types", request -> List.of("AVRO")),
                new Route("GET", "schemas/ids/{id}", this::schemaById),
                new Route("GET", "schemas/ids/{id}/versions", this::versionsWithId),
                new Route("GET", "schemas/ids/{id}/subjects", this::subjectsWithId),
                new Route("GET", "subjects", request -> registry.subjects(request.flag("deleted"))),
                new Route("POST", "subjects/{subject}", this::lookup),
                new Route("DELETE", "subjects/{subject}",
                        request -> registry.deleteSubject(request.path("subject"), request.flag("permanent"))),
                new Route("GET", "subjects/{subject}/versions",
                        request -> registry.versions(request.path("subject"), request.flag("deleted"))),
                new Route("POST", "subjects/{subject}/versions", this::register),
                new Route("GET", "subjects/{subject}/versions/{version}", request -> versionJson(version(request))),
                new Route("DELETE", "subjects/{subject}/versions/{version}", request -> registry.deleteVersion(
                        request.path("subject"), request.version(), request.flag("permanent"))),
                new Route("GET", "subjects/{subject}/versions/{version}/schema",
                        request -> readJson(version(request).schema().canonical())),
                new Route("GET", "config", request -> levelJson("compatibilityLevel", registry.globalLevel())),
                new Route("PUT", "config", this::setGlobalLevel),
                new Route("GET", "config/{subject}", request -> levelJson("compatibilityLevel",
                        registry.subjectLevel(request.path("subject"), request.flag("defaultToGlobal")))),
                new Route("PUT", "config/{subject}", this::setSubjectLevel),
                new Route("DELETE", "config/{subject}", request -> levelJson("compatibilityLevel",
                        registry.deleteSubjectLevel(request.path("subject")))),
                new Route("POST", "compatibility/subjects/{subject}/versions/{version}", request -> compatibilityJson(
                        request, registry.compatibilityWithVersion(request.path("subject"), request.version(),
                                schemaText(request)))),
                new Route("POST", "compatibility/subjects/{subject}/versions", request -> compatibilityJson(
                        request, registry.compatibilityWithSubject(request.path("subject"), schemaText(request)))));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            int status = 200;
            Object body;
            try {
                body = dispatch(exchange, method, path);
            } catch (RegistryException refused) {
                status = refused.httpStatus();
                body = errorJson(refused.errorCode(), refused.getMessage());
            } catch (RuntimeException unexpected) {
                LOG.error("{} {} failed unexpectedly", method, path, unexpected);
                status = 500;
                body = errorJson(500, "Internal server error: " + unexpected);
            }
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } finally {
            exchange.close();
        }
    }

    private Object dispatch(HttpExchange exchange, String method, String rawPath) throws IOException {
        List<String> segments = segments(rawPath);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> pathParameters = route.match(segments);
            if (pathParameters == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (body.length > 0) {
                    checkMediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
                }
                return route.endpoint().apply(
                        new Request(pathParameters, query(exchange.getRequestURI().getRawQuery()), body));
            }
        }
        throw pathKnown ? RegistryException.methodNotAllowed(method, rawPath) : RegistryException.noSuchResource(rawPath);
    }

    private Object schemaById(Request request) {
        ObjectNode body = json.createObjectNode();
        body.put("schema", registry.schemaById(request.id()).canonical());
        return body;
    }

    private Object versionsWithId(Request request) {
        List<ObjectNode> body = new ArrayList<>();
        for (SubjectVersion version : registry.versionsWithId(request.id(), request.flag("deleted"))) {
            ObjectNode entry = json.createObjectNode();
            entry.put("subject", version.subject());
            entry.put("version", version.version());
            body.add(entry);
        }
        return body;
    }

    private Object subjectsWithId(Request request) {
        return registry.versionsWithId(request.id(), request.flag("deleted")).stream()
                .map(SubjectVersion::subject)
                .distinct()
                .toList();
    }

    private Object lookup(Request request) {
        return versionJson(registry.lookup(request.path("subject"), schemaText(request), request.flag("deleted")));
    }

    private Object register(Request request) {
        ObjectNode body = json.createObjectNode();
        body.put("id", registry.register(request.path("subject"), schemaText(request)));
        return body;
    }

    private SubjectVersion version(Request request) {
        return registry.version(request.path("subject"), request.version(), request.flag("deleted"));
    }

    private Object setGlobalLevel(Request request) {
        CompatibilityLevel level = levelOf(request);
        registry.setGlobalLevel(level);
        return levelJson("compatibility", level);
    }

    private Object setSubjectLevel(Request request) {
        CompatibilityLevel level = levelOf(request);
        registry.setSubjectLevel(request.path("subject"), level);
        return levelJson("compatibility", level);
    }

    /** The level of a config update; clients send {@code compatibility}, some {@code compatibilityLevel}. */
    private CompatibilityLevel levelOf(Request request) {
        JsonNode body = request.json();
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return CompatibilityLevel.parse(level == null || level.isNull() ? null : level.asText());
    }

    /** The schema text of a register, look-up or compatibility request; only AVRO without references. */
    private String schemaText(Request request) {
        JsonNode body = request.json();
        // Some clients send an empty type for the default one.
        String type = body.path("schemaType").asText("");
        if (!type.isEmpty() && !type.equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema("schema type '" + type
                    + "' is not supported; this registry holds AVRO schemas only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.size() > 0) {
            throw RegistryException.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("the request has no \"schema\" string");
        }
        return schema.asText();
    }

    private Object compatibilityJson(Request request, List<String> problems) {
        ObjectNode body = json.createObjectNode();
        body.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            problems.forEach(body.putArray("messages")::add);
        }
        return body;
    }

    private ObjectNode versionJson(SubjectVersion version) {
        ObjectNode body = json.createObjectNode();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema().canonical());
        return body;
    }

    private ObjectNode levelJson(String field, CompatibilityLevel level) {
        ObjectNode body = json.createObjectNode();
        body.put(field, level.name());
        return body;
    }

    private ObjectNode errorJson(int errorCode, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException unreadable) {
            throw RegistryException.badRequest("the request body is not JSON: " + unreadable.getOriginalMessage());
        }
    }

    private static void checkMediaType(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!REQUEST_MEDIA_TYPES.contains(mediaType)) {
            throw RegistryException.unsupportedMediaType(contentType);
        }
    }

    /** Path segments, percent-decoded one by one so that an encoded '/' stays inside a subject name. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    /** A resource: method and path pattern, where {@code {name}} stands for one path segment. */
    private record Route(String method, List<String> pattern, Function<Request, Object> endpoint) {

        Route(String method, String pattern, Function<Request, Object> endpoint) {
            this(method, pattern.isEmpty() ? List.of() : List.of(pattern.split("/")), endpoint);
        }

        /** The path parameters when the segments fit this pattern, else null. */
        Map<String, String> match(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return null;
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String expected = pattern.get(i);
                if (expected.startsWith("{")) {
                    parameters.put(expected.substring(1, expected.length() - 1), segments.get(i));
                } else if (!expected.equals(segments.get(i))) {
                    return null;
                }
            }
            return parameters;
        }
    }

    private final class Request {

        private final Map<String, String> pathParameters;
        private final Map<String, String> queryParameters;
        private final byte[] body;

        Request(Map<String, String> pathParameters, Map<String, String> queryParameters, byte[] body) {
            this.pathParameters = pathParameters;
            this.queryParameters = queryParameters;
            this.body = body;
        }

        String path(String name) {
            return pathParameters.get(name);
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(queryParameters.get(name));
        }

        int version() {
            return SchemaRegistry.parseVersion(path("version"));
        }

        /** A schema id from the path; one that is not a number names no resource, as in Confluent's registry. */
        int id() {
            try {
                return Integer.parseInt(path("id"));
            } catch (NumberFormatException notANumber) {
                throw RegistryException.noSuchResource("/schemas/ids/" + path("id"));
            }
        }

        JsonNode json() {
            JsonNode parsed = body.length == 0 ? null : readJson(new String(body, StandardCharsets.UTF_8));
            if (parsed == null || !parsed.isObject()) {
                throw RegistryException.badRequest("the request body must be a JSON object");
            }
            return parsed;
        }
    }
}
