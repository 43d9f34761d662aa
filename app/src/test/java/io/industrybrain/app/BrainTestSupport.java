package io.industrybrain.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.ConfluentPython;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the app's integration tests share: embedded settings on free ports, HTTP, named waits, the Python producer. */
final class BrainTestSupport {

    static final Path PRODUCE_SCRIPT = Path.of("src/test/python/confluent_produce.py");
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BrainTestSupport() { }

    /** Settings of an embedded run on free ports under a test's data directory, simulator off, plus {@code more} flags. */
    static BrainSettings embedded(Path dataDir, String... more) {
        List<String> flags = new ArrayList<>(List.of("--broker.port=0", "--registry.port=0", "--http.port=0",
                "--simulator=off", "--data.dir=" + dataDir));
        flags.addAll(List.of(more));
        return SettingsLoader.load(flags, Map.of(), List.of()).settings();
    }

    static int httpStatus(String url) {
        return httpStatus(HTTP, url);
    }

    /** The status of a GET with this client; -1 when there is no answer. */
    static int httpStatus(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static JsonNode getJson(String url) throws IOException, InterruptedException {
        return JSON.readTree(httpGet(url).body());
    }

    /** A GET's whole answer: status, headers and body. */
    static HttpResponse<String> httpGet(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until the app's global table holds {@code count} enterprises. Events sent after that are never
     * UNKNOWN_ENTERPRISE; sent at once with their enterprise's first record, they can be, as the global table follows
     * brain.enterprises a moment behind (docs/decisions.md, "Reference data is complete before events").
     */
    static void awaitEnterprisesKnown(BrainApp app, TopicNames topics, long count) {
        await().alias(count + " enterprises known").atMost(TIMEOUT).until(() -> app.counters().snapshot(topics.enterprises()).accepted() == count);
    }

    /** {@link #awaitEnterprisesKnown(BrainApp, TopicNames, long)} of an app in a process of its own, from its /api/outcomes. */
    static void awaitEnterprisesKnown(String httpUrl, TopicNames topics, long count) {
        await().alias(count + " enterprises known").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> getJson(httpUrl + "/api/outcomes").path("topics").path(topics.enterprises()).path("accepted").asLong() == count);
    }

    static void awaitHealthy(BrainApp app) {
        awaitHealthy(app, HTTP);
    }

    /** Waits for /health with a client of the app's https (one that trusts its certificate). */
    static void awaitHealthy(BrainApp app, HttpClient client) {
        await().alias("/health answers 200").atMost(TIMEOUT).until(() -> httpStatus(client, app.httpUrl() + "/health") == 200);
    }

    /** Publishes records with Confluent's Python client; returns the schema id it used. */
    static int publishWithPython(BrainApp app, String topic, Schema schema, String recordsJson, Path dir) throws IOException {
        Path schemaFile = Files.writeString(dir.resolve(schema.getName() + ".avsc"), schema.toString());
        Path records = Files.writeString(Files.createTempFile(dir, "records", ".json"), recordsJson);
        String output = ConfluentPython.run(PRODUCE_SCRIPT,
                List.of(app.bootstrapServers(), app.registryUrl(), topic, schemaFile.toString(), records.toString()));
        String[] lastLine = output.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return Integer.parseInt(lastLine[2]);
    }

    /** The record's telemetry counts against the samples it covers, counted here. */
    static void assertTelemetryCounts(MetricRecord record, List<MachineTelemetry> samples) {
        String what = record.getScope() + ":" + record.getScopeId() + ":" + record.getWindowStart();
        long devices = samples.stream().map(MachineTelemetry::getDeviceId).distinct().count();
        assertEquals(List.of(true, devices, devices, (long) samples.stream().mapToInt(MachineTelemetry::getGoodUnits).sum(),
                        (long) samples.stream().mapToInt(MachineTelemetry::getSampleSeconds).sum(), 0L),
                List.of(record.getFinal$(), record.getActiveDevices(), record.getCloudDevices(), record.getGoodUnits(),
                        record.getRunningSeconds(), record.getLateEventsInGrace()),
                what + ": final, active devices, cloud devices, good units, running seconds, late in grace");
        assertEquals(samples.stream().mapToDouble(MachineTelemetry::getEnergyKwh).sum(), record.getEnergyKwh(), 1e-6, what);
    }

    /** The id of enterprise {@code i} (from 0) of the integration tests' fleets: E1, E2, ... */
    static String enterpriseId(int i) {
        return "E" + (i + 1);
    }

    /** Reference records of enterprises E1 to E{@code count}: chain IC, region HZ, above scale, 100 employees. */
    static List<ProducerRecord<String, SpecificRecordBase>> referenceData(TopicNames topics, int count) {
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            records.add(new ProducerRecord<>(topics.enterprises(), enterpriseId(e), Events.enterprise(enterpriseId(e), "IC", "HZ", true, 100)));
        }
        return records;
    }
}
