package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.httpStatus;
import static io.industrybrain.app.BrainTestSupport.publishWithPython;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.testkit.KafkaRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform as a user meets it: the app on its own embedded broker and registry, HTTP up, a record
 * from Confluent's Python client registered and readable by the project's deserializer, and the same
 * schema id and data after a restart on the same data directory.
 */
class BrainAppIT {

    private static final Duration TIMEOUT = BrainTestSupport.TIMEOUT;

    @TempDir
    Path dataDir;

    @Test
    void aRecordFromConfluentsPythonClientIsReadableAndKeepsItsSchemaIdAcrossARestart() throws Exception {
        BrainSettings settings = embedded(dataDir);
        String telemetry = settings.topics().telemetry();
        int pythonId;
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            awaitHealthy(app);

            pythonId = publishWithPython(app, telemetry, MachineTelemetry.getClassSchema(), """
                    [["D1", {"deviceId": "D1", "enterpriseId": "E1", "lineId": "L1", "seq": 42,
                             "eventTime": 1763632800000, "sampleSeconds": 60, "state": "RUNNING",
                             "goodUnits": 12, "defectUnits": 1, "energyKwh": 0.75,
                             "numericallyControlled": true, "cloudConnected": false, "gatewayId": "G7"}]]""", dataDir);

            assertEquals(pythonId, getJson(app.registryUrl() + "/subjects/" + telemetry + "-value/versions/latest").path("id").asInt());
            assertOnlyRecordIsThePythonOne(app, telemetry);
        }

        try (BrainApp again = BrainApp.start(settings, Map.of())) {
            awaitHealthy(again);
            assertEquals(pythonId, getJson(again.registryUrl() + "/subjects/" + telemetry + "-value/versions/latest").path("id").asInt(),
                    "the same schema id after a restart");
            assertEquals(MachineTelemetry.getClassSchema(), new org.apache.avro.Schema.Parser().parse(
                    getJson(again.registryUrl() + "/schemas/ids/" + pythonId).path("schema").asText()));
            assertOnlyRecordIsThePythonOne(again, telemetry);
        }
    }

    private static void assertOnlyRecordIsThePythonOne(BrainApp app, String topic) {
        AvroDeserializer<MachineTelemetry> deserializer = new AvroDeserializer<>(
                new CachedSchemaRegistryClient(new RestSchemaRegistryClient(app.registryUrl())), MachineTelemetry.class);
        List<ConsumerRecord<String, MachineTelemetry>> read = KafkaRecords.consume(app.bootstrapServers(), topic, 1,
                new StringDeserializer(), deserializer, TIMEOUT);
        assertEquals(1, read.size());
        assertEquals("D1", read.get(0).key());
        MachineTelemetry sample = read.get(0).value();
        assertEquals(new MachineTelemetry("D1", "E1", "L1", 42L, Instant.parse("2025-11-20T10:00:00Z"), 60, MachineState.RUNNING,
                12, 1, 0.75, true, false, "G7"), sample);
    }

    @Test
    void aChangedPartitionCountIsRefusedByNameOnTheNextStart() {
        try (BrainApp app = BrainApp.start(embedded(dataDir), Map.of())) {
            awaitHealthy(app);
        }

        SettingException refused = assertThrows(SettingException.class, () -> BrainApp.start(embedded(dataDir, "--partitions=3"), Map.of()));

        assertEquals("partitions", refused.setting());
        assertTrue(refused.getMessage().startsWith("partitions: is 3 but the data of earlier runs has 6"), refused.getMessage());
    }

    @Test
    void healthIs503UntilTheTopologiesRunAndReportsTheParts() throws Exception {
        try (BrainApp app = BrainApp.start(embedded(dataDir), Map.of())) {
            awaitHealthy(app);
            JsonNode health = getJson(app.httpUrl() + "/health");
            assertEquals("UP", health.path("status").asText());
            assertEquals("RUNNING", health.path("streams").asText());
            assertEquals("UP", health.path("registry").asText());

            app.streams().close(Duration.ofSeconds(30));

            assertEquals(503, httpStatus(app.httpUrl() + "/health"));
            assertEquals("NOT_RUNNING", getJson(app.httpUrl() + "/health").path("streams").asText());
        }
    }
}
