package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app, embedded, with the simulator on: every Kafka client it makes gets the {@code kafka.*} settings, and Kafka
 * Streams' clients the {@code kafka.streams.*} ones over them, as each client's metrics reporter was configured.
 */
class KafkaClientSettingsIT {

    private static final String EVERY_CLIENT = "123456";
    private static final String STREAMS_ONLY = "234567";

    @TempDir
    Path dataDir;

    @Test
    void everyClientTheAppMakesGetsThePassThroughSettingsAndStreamsItsOwnOverThem() {
        BrainSettings settings = embedded(dataDir, "--simulator=on",
                "--kafka.metric.reporters=org.apache.kafka.common.metrics.JmxReporter," + ClientConfigRecorder.class.getName(),
                "--kafka.metadata.max.age.ms=" + EVERY_CLIENT,
                "--kafka.streams.metadata.max.age.ms=" + STREAMS_ONLY,
                "--kafka.streams.client.id=plant-7");
        // by client id (the product's names, and Kafka Streams' from kafka.streams.client.id), the value each must get
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("schema-registry-admin-_schemas", EVERY_CLIENT),
                Map.entry("schema-registry-writer-_schemas", EVERY_CLIENT),
                Map.entry("schema-registry-reader-_schemas", EVERY_CLIENT),
                Map.entry("industry-brain-input-lag", EVERY_CLIENT),
                Map.entry("industry-brain-metrics-view", EVERY_CLIENT),
                Map.entry("brain-simulator", EVERY_CLIENT),
                Map.entry("plant-7", STREAMS_ONLY),
                Map.entry("plant-7-admin", STREAMS_ONLY),
                Map.entry("plant-7-StreamThread-1-consumer", STREAMS_ONLY),
                Map.entry("plant-7-StateUpdater-1-restore-consumer", STREAMS_ONLY),
                Map.entry("plant-7-global-consumer", STREAMS_ONLY),
                Map.entry("plant-7-StreamThread-1-producer", STREAMS_ONLY)));

        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            await().alias("every client made").atMost(TIMEOUT)
                    .untilAsserted(() -> assertTrue(ClientConfigRecorder.BY_CLIENT_ID.keySet().containsAll(expected.keySet()),
                            "made: " + new TreeMap<>(ClientConfigRecorder.BY_CLIENT_ID).keySet()));

            Map<String, String> got = new TreeMap<>();
            expected.keySet().forEach(id -> got.put(id, String.valueOf(ClientConfigRecorder.BY_CLIENT_ID.get(id).get("metadata.max.age.ms"))));
            assertEquals(expected, got);
            // and no client went without: the reachability check's and topic creation's admins have Kafka's own ids
            ClientConfigRecorder.BY_CLIENT_ID.forEach((id, config) -> assertEquals(id.startsWith("plant-7") ? STREAMS_ONLY : EVERY_CLIENT,
                    String.valueOf(config.get("metadata.max.age.ms")), id));
            assertTrue(ClientConfigRecorder.BY_CLIENT_ID.keySet().stream().anyMatch(id -> id.startsWith("adminclient-")),
                    ClientConfigRecorder.BY_CLIENT_ID.keySet().toString());
        }
    }
}
