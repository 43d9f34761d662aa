package io.industrybrain.app.livepage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The app's JSON query API, read with the JDK's HTTP client, as the test's independent view of the data. */
public final class QueryApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final String baseUrl;
    private final Optional<String> token;

    public QueryApiClient(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder(), Optional.empty());
    }

    /** @param client how to reach the API (an https one's trust store); @param token sent as a bearer token */
    public QueryApiClient(String baseUrl, HttpClient.Builder client, Optional<String> token) {
        this.client = client.connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.token = token;
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = send(pathAndQuery);
        assertEquals(200, response.statusCode(), "GET " + pathAndQuery + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode scopes() throws IOException, InterruptedException {
        return get("/api/scopes");
    }

    /** The province's records, newest window first; none while the API has no record of ZJ (404). */
    List<JsonNode> province(int limit) throws IOException, InterruptedException {
        String path = "/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=" + limit;
        return send(path).statusCode() == 404 ? List.of() : records(get(path));
    }

    /** An answer of the period history: its status (200, 404 without records, 503 while it cannot be read) and records. */
    record PeriodAnswer(int status, List<JsonNode> records) { }

    /** The province's records of a period kind, newest first. */
    PeriodAnswer provincePeriods(String period, int limit) throws IOException, InterruptedException {
        return periods("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=" + period + "&limit=" + limit);
    }

    /** The newest record of a period kind of each scope id of a scope. */
    PeriodAnswer latestPeriods(String scope, String period) throws IOException, InterruptedException {
        return periods("/api/latest?scope=" + scope + "&period=" + period);
    }

    private PeriodAnswer periods(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        return new PeriodAnswer(response.statusCode(), response.statusCode() == 200 ? records(JSON.readTree(response.body())) : List.of());
    }

    /** The latest record of each scope id of a scope. */
    List<JsonNode> latest(String scope) throws IOException, InterruptedException {
        return records(get("/api/latest?scope=" + scope));
    }

    public JsonNode outcomes() throws IOException, InterruptedException {
        return get("/api/outcomes");
    }

    JsonNode targets() throws IOException, InterruptedException {
        return get("/api/targets");
    }

    private static List<JsonNode> records(JsonNode answer) {
        List<JsonNode> records = new ArrayList<>();
        answer.path("records").forEach(records::add);
        return records;
    }
}
