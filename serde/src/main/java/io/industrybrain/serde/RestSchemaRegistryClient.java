package io.industrybrain.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (register, look up, schema by id). Works
 * against Confluent's own registry and against the project's. Every call is a request: wrap it in
 * {@link CachedSchemaRegistryClient} so that each schema costs one request per process.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<String> baseUrls;
    private final RegistryAccess access;
    private final HttpClient http;
    private final Duration timeout;

    /** @param urls one URL or a comma-separated list; each is tried in turn when one cannot be reached */
    public RestSchemaRegistryClient(String urls) {
        this(urls, RegistryAccess.NONE);
    }

    /**
     * @param urls one URL or a comma-separated list; each is tried in turn when one cannot be reached
     * @param access the credentials every request carries and the certificates an https registry is trusted by
     */
    public RestSchemaRegistryClient(String urls, RegistryAccess access) {
        this(urls, access, TIMEOUT);
    }

    /** @param timeout the longest a request may take, from connecting to the last byte of the answer */
    RestSchemaRegistryClient(String urls, RegistryAccess access, Duration timeout) {
        this.baseUrls = List.of(urls.split(",")).stream()
                .map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("schema.registry.url is empty");
        }
        this.access = access;
        this.timeout = timeout;
        this.http = access.httpClient(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5));
    }

    /**
     * The HTTP status of {@code GET /subjects} at the first URL, with this client's credentials: how start-up and
     * {@code /health} tell that the registry answers as a registry (200), refuses the credentials (401, 403) or is
     * something else.
     *
     * @throws IOException when it cannot be reached (or its certificate is not trusted)
     */
    public int subjectsStatus(Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = access.authorized(HttpRequest.newBuilder(URI.create(baseUrls.get(0) + "/subjects")))
                .timeout(timeout).header("Accept", MEDIA_TYPE).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public int register(String subject, Schema schema) {
        return id(call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)), subject);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return id(call("POST", "/subjects/" + encode(subject), schemaBody(schema)), subject);
    }

    /** An answer without an id (a proxy's empty 200, say) must not become schema id 0 on every record. */
    private static int id(JsonNode answer, String subject) {
        if (!answer.path("id").isInt()) {
            throw new SchemaRegistryException(SchemaRegistryException.NO_ANSWER,
                    "the registry's answer for subject " + subject + " has no schema id: " + answer, null);
        }
        return answer.path("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "schema id " + id + " is a " + type + " schema, not Avro", null);
        }
        // An answer without the schema (a proxy's empty 200, say) is the registry's fault, not the record's.
        if (!answer.path("schema").isTextual()) {
            throw new SchemaRegistryException(SchemaRegistryException.NO_ANSWER,
                    "the registry's answer for schema id " + id + " has no schema: " + abbreviated(answer.toString()), null);
        }
        String text = answer.path("schema").asText();
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "schema id " + id + " from the registry does not parse: " + e.getMessage(), e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        SchemaRegistryException lastUnreachable = null;
        for (String base : baseUrls) {
            HttpRequest.Builder request = access.authorized(HttpRequest.newBuilder(URI.create(base + path)))
                    .timeout(timeout)
                    .header("Accept", MEDIA_TYPE);
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", MEDIA_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            // The request's own timeout ends with the answer's headers: a registry that stops mid-body would hold
            // the stream thread for good. Waiting on the whole exchange bounds that too.
            CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpResponse<String> response;
            try {
                response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                exchange.cancel(true);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                String why = e instanceof TimeoutException ? "no whole answer within " + timeout.toMillis() + " ms" : String.valueOf(cause);
                lastUnreachable = new SchemaRegistryException(SchemaRegistryException.NO_ANSWER,
                        "schema registry at " + base + " cannot be reached: " + why, cause);
                continue;
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(SchemaRegistryException.NO_ANSWER, "interrupted calling " + base, e);
            }
            return answer(base, method, path, response);
        }
        throw lastUnreachable;
    }

    /** A garbage answer can be a whole HTML page: the log line and exception keep its start. */
    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static JsonNode answer(String base, String method, String path, HttpResponse<String> response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.NO_ANSWER, method + " " + base + path
                    + " answered HTTP " + response.statusCode() + " with a body that is not JSON", e);
        }
        if (response.statusCode() / 100 != 2) {
            int code = json.path("error_code").asInt(response.statusCode());
            throw new SchemaRegistryException(code, method + " " + base + path + " refused: "
                    + json.path("message").asText("HTTP " + response.statusCode()) + " (error_code " + code + ")", null);
        }
        return json;
    }
}
