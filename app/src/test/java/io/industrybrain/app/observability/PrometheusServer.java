package io.industrybrain.app.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package, installed when missing) in a temporary directory, scraping one
 * target every second and evaluating the project's alert rules every second, queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    static final String JOB = "industry-brain";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final String url;

    /** The answer of an instant query: the result type and the result, or Prometheus' error. */
    record QueryResult(String status, String error, String resultType, JsonNode result) {
        boolean ok() { return status.equals("success"); }

        /** A vector or matrix with no series; a scalar or string is never empty. */
        boolean empty() { return result.isArray() && (resultType.equals("vector") || resultType.equals("matrix")) && result.isEmpty(); }
    }

    private PrometheusServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts Prometheus scraping {@code http://<target>/metrics} under job {@value #JOB}; returns once it is ready. */
    static PrometheusServer start(Path dir, String target, Path ruleFile) throws IOException {
        Promtool.requireInstalled();
        int port = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: %s
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s"]
                """.formatted(ruleFile.toAbsolutePath(), JOB, target));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of("prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, "http://127.0.0.1:" + port);
        try {
            org.awaitility.Awaitility.await().alias("Prometheus answers /-/ready").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + server.log());
                        }
                        return server.status("/-/ready") == 200;
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Where its HTTP API answers, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    QueryResult query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return new QueryResult(body.path("status").asText(), body.path("error").asText(null),
                body.path("data").path("resultType").asText(), body.path("data").path("result"));
    }

    /** The rule groups with each rule's health and last error, from /api/v1/rules. */
    JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Prometheus' own log, for failure messages. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
