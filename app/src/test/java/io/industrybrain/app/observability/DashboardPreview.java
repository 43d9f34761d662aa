package io.industrybrain.app.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.app.http.StaticFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the test-only dashboard preview ({@code src/test/resources/dashboard-preview/}): a page that
 * draws a Grafana dashboard from its JSON with the live page's vendored Chart.js, so that the README
 * can show what the provisioned dashboards look like on a machine without Grafana. Beside the page it
 * serves each dashboard with its variables already substituted ({@link GrafanaDashboards#substituteAll})
 * and passes {@code /api/v1/query} and {@code /api/v1/query_range} on to Prometheus, so that the page
 * asks its own origin and needs no CORS.
 */
final class DashboardPreview implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DASHBOARDS = "/dashboards/";

    private final HttpApi http;
    private final String prometheusUrl;
    private final Map<String, JsonNode> published = new ConcurrentHashMap<>();

    private DashboardPreview(String prometheusUrl) throws IOException {
        this.prometheusUrl = prometheusUrl;
        this.http = new HttpApi(0);
        http.route("/", new StaticFiles("dashboard-preview"));
        http.route("/vendor/", new StaticFiles("web"));
        http.route(DASHBOARDS, exchange -> dashboard(exchange.getRequestURI().getPath().substring(DASHBOARDS.length())));
        http.route("/api/v1/query", exchange -> prometheus(exchange.getRequestURI()));
        http.route("/api/v1/query_range", exchange -> prometheus(exchange.getRequestURI()));
        http.start();
    }

    static DashboardPreview start(String prometheusUrl) throws IOException {
        return new DashboardPreview(prometheusUrl);
    }

    /**
     * Makes a dashboard available to the page with its variables resolved, and returns the page's
     * address drawing it over {@code [from, to]}.
     */
    String publish(GrafanaDashboards.Dashboard dashboard, DashboardVariables.Resolved variables, Instant from, Instant to) {
        ObjectNode preview = JSON.createObjectNode();
        preview.put("file", dashboard.file());
        preview.set("variables", JSON.valueToTree(variables.shown()));
        preview.set("dashboard", GrafanaDashboards.substituteAll(dashboard.json(), variables.values()));
        published.put(dashboard.uid(), preview);
        return "http://localhost:" + http.port() + "/?dashboard=" + dashboard.uid()
                + "&from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
    }

    private HttpApi.Response dashboard(String uid) {
        JsonNode preview = published.get(uid);
        return preview == null ? HttpApi.Response.json(404, JSON.createObjectNode().put("error", "no dashboard " + uid).toString())
                : HttpApi.Response.json(200, preview.toString());
    }

    /** Prometheus' answer as it is, its error statuses included: the page shows them on the panel. */
    private HttpApi.Response prometheus(URI request) throws IOException {
        URI target = URI.create(prometheusUrl + request.getRawPath() + "?" + request.getRawQuery());
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return HttpApi.Response.json(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking Prometheus", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
