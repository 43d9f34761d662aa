package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static io.industrybrain.app.BrainTestSupport.publishWithPython;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * the contract's worked example through the real thing: the app on its embedded broker and registry, telemetry
 * published by Confluent's Python client, the other events by the project's Java serde, the final ENTERPRISE
 * record read back; then every dead-letter reason on the real broker and {@code ./brain replay-dlq}.
 */
class EnterpriseMetricsIT {

    private static final int PARTITIONS = 2;
    private static final String WINDOW = "2025-11-20T10:00:00Z";

    @TempDir
    Path dataDir;

    private static long at(String time) {
        return Instant.parse("2025-11-20T" + time + ":00Z").toEpochMilli();
    }

    /** A telemetry sample as the JSON the Python producer takes; the worked example's rows. */
    private static String sample(String device, long seq, String time, String state, int seconds, int good, int defect,
                                 double kwh, boolean nc, boolean cloud) {
        return String.format("[\"%s\", {\"deviceId\": \"%s\", \"enterpriseId\": \"E1\", \"lineId\": \"L1\", \"seq\": %d, "
                        + "\"eventTime\": %d, \"sampleSeconds\": %d, \"state\": \"%s\", \"goodUnits\": %d, \"defectUnits\": %d, "
                        + "\"energyKwh\": %s, \"numericallyControlled\": %s, \"cloudConnected\": %s, \"gatewayId\": null}]",
                device, device, seq, at(time), seconds, state, good, defect, kwh, nc, cloud);
    }

    @Test
    void theWorkedExampleComesOutOfTheRealPipelineAndBadInputIsDeadLettered() throws Exception {
        BrainSettings settings = embedded(dataDir, "--partitions=" + PARTITIONS);
        TopicNames topics = settings.topics();
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            awaitHealthy(app);
            SchemaRegistryClient registry = app.registryClient();
            publish(app, registry, List.of(
                    new ProducerRecord<>(topics.enterprises(), "E1", new Enterprise("E1", "Example Co", "HZ", "INTEGRATED_CIRCUITS", true, 100, Instant.EPOCH))));
            awaitEnterprisesKnown(app, topics, 1);

            // Given the worked example: telemetry from Python (6 records, one a gateway retry), the rest from Java
            publishWithPython(app, topics.telemetry(), MachineTelemetry.getClassSchema(), "[" + String.join(",",
                    sample("D1", 1, "10:05", "RUNNING", 600, 50, 2, 3.0, true, false),
                    sample("D1", 2, "10:15", "IDLE", 600, 0, 0, 0.5, true, true),
                    sample("D1", 2, "10:15", "IDLE", 600, 0, 0, 0.5, true, true),
                    sample("D2", 7, "10:20", "DOWN", 300, 0, 0, 0.2, false, false),
                    sample("D2", 6, "10:25", "RUNNING", 300, 20, 1, 1.0, true, true),
                    sample("D3", 1, "10:30", "MAINTENANCE", 600, 0, 0, 0.1, true, true)) + "]", dataDir);
            List<ProducerRecord<String, SpecificRecord>> java = new ArrayList<>();
            java.add(new ProducerRecord<>(topics.production(), "E1", new ProductionOutput("B1", "E1", "L1", "P1", 100L, 80_000.0, 20_000.0, Instant.ofEpochMilli(at("10:40")))));
            java.add(new ProducerRecord<>(topics.production(), "E1", new ProductionOutput("B2", "E1", "L1", "P1", 50L, 40_000.0, 10_000.0, Instant.ofEpochMilli(at("10:50")))));
            java.add(new ProducerRecord<>(topics.shifts(), "E1", new WorkShift("S1", "E1", 30, 8.0, Instant.ofEpochMilli(at("10:59")))));
            for (KeyProcess process : KeyProcess.values()) {
                Hosting hosting = process == KeyProcess.FINANCE ? Hosting.PUBLIC_CLOUD : Hosting.ON_PREMISES;
                java.add(new ProducerRecord<>(topics.processes(), "E1", new ProcessHeartbeat("E1", process, "ERP", hosting, true, Instant.ofEpochMilli(at("10:45")))));
            }
            publish(app, registry, java);
            await().alias("all example events settled").atMost(TIMEOUT).until(() ->
                    app.counters().snapshot(topics.telemetry()).accepted() == 5 && app.counters().snapshot(topics.telemetry()).duplicates() == 1
                            && app.counters().snapshot(topics.production()).accepted() == 2
                            && app.counters().snapshot(topics.shifts()).accepted() == 1
                            && app.counters().snapshot(topics.processes()).accepted() == 8);

            // When every partition's time passes 11:10 (window end + 10 min grace)
            publish(app, registry, closingSamples(topics, "11:15"));

            // Then exactly the worked example's final record
            String key = "ENTERPRISE:E1:" + WINDOW;
            MetricRecord result = finalRecord(app, registry, topics, key);
            assertWorkedExample(result);
            assertTrue(result.getFinal$());

            List<MetricRecord> updates = records(app, registry, topics.metrics(), key, 1);
            assertFalse(updates.isEmpty());
            updates.forEach(u -> assertFalse(u.getFinal$(), "updates are provisional"));
            List<Long> revisions = updates.stream().map(MetricRecord::getRevision).toList();
            assertEquals(revisions.stream().sorted().distinct().toList(), revisions, "revisions rise one update after another");
            assertTrue(result.getRevision() > revisions.get(revisions.size() - 1), "the final continues the revisions");

            deadLettersAndReplay(app, registry, topics);

            for (Map.Entry<String, OutcomeCounters.TopicOutcomes> topic : app.counters().snapshot().entrySet()) {
                assertTrue(topic.getValue().balanced(), "outcome identity of " + topic.getKey() + ": " + topic.getValue());
            }
        }
    }

    private void deadLettersAndReplay(BrainApp app, SchemaRegistryClient registry, TopicNames topics) throws Exception {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true);
        byte[] garbage = "not the wire format".getBytes(StandardCharsets.UTF_8);
        byte[] negative = serializer.serialize(topics.telemetry(), new MachineTelemetry("D9", "E1", "L1", 1L,
                Instant.ofEpochMilli(at("11:20")), 60, MachineState.RUNNING, -1, 0, 0.1, true, true, null));
        byte[] unknown = serializer.serialize(topics.processes(), new ProcessHeartbeat("E9", KeyProcess.SALES, "CRM",
                Hosting.PRIVATE_CLOUD, true, Instant.ofEpochMilli(at("11:20"))));
        byte[] late = serializer.serialize(topics.telemetry(), new MachineTelemetry("D1", "E1", "L1", 3L,
                Instant.ofEpochMilli(at("10:35")), 60, MachineState.RUNNING, 1, 0, 0.1, true, true, null));
        KafkaRecords.produce(app.bootstrapServers(), new ByteArraySerializer(), new ByteArraySerializer(), List.of(
                new ProducerRecord<>(topics.telemetry(), "D8".getBytes(StandardCharsets.UTF_8), garbage),
                new ProducerRecord<>(topics.telemetry(), "D9".getBytes(StandardCharsets.UTF_8), negative),
                new ProducerRecord<>(topics.processes(), "E9".getBytes(StandardCharsets.UTF_8), unknown),
                new ProducerRecord<>(topics.telemetry(), "D1".getBytes(StandardCharsets.UTF_8), late)));

        List<ConsumerRecord<byte[], byte[]>> letters = KafkaRecords.consume(app.bootstrapServers(), topics.deadLetters(), 4,
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), TIMEOUT);
        Map<String, ConsumerRecord<byte[], byte[]>> byReason = letters.stream().collect(Collectors.toMap(
                l -> DeadLetterHeaders.read(l.headers(), DeadLetterHeaders.REASON).orElseThrow(), l -> l));
        assertEquals(4, letters.size());
        assertArrayEquals(garbage, byReason.get("DESERIALIZATION").value());
        assertArrayEquals(negative, byReason.get("INVALID").value());
        assertArrayEquals(unknown, byReason.get("UNKNOWN_ENTERPRISE").value());
        assertArrayEquals(late, byReason.get("LATE").value());
        assertArrayEquals("E9".getBytes(StandardCharsets.UTF_8), byReason.get("UNKNOWN_ENTERPRISE").key());
        assertEquals(topics.processes(), DeadLetterHeaders.read(byReason.get("UNKNOWN_ENTERPRISE").headers(), DeadLetterHeaders.TOPIC).orElseThrow());
        assertEquals(topics.telemetry(), DeadLetterHeaders.read(byReason.get("LATE").headers(), DeadLetterHeaders.TOPIC).orElseThrow());

        // Once E9's reference data has arrived, replay-dlq moves its heartbeat back, exactly once
        publish(app, registry, List.of(new ProducerRecord<>(topics.enterprises(), "E9",
                new Enterprise("E9", "Late Co", "NB", "TEXTILES", false, 12, Instant.EPOCH))));
        awaitEnterprisesKnown(app, topics, 2);
        String[] replay = {"replay-dlq", "--bootstrap.servers=" + app.bootstrapServers(), "--schema.registry.url=" + app.registryUrl()};
        assertEquals("replayed 1 dead letter with reason UNKNOWN_ENTERPRISE from " + topics.deadLetters() + " to their source topics",
                brain(replay));
        await().alias("the replayed heartbeat accepted").atMost(TIMEOUT)
                .until(() -> app.counters().snapshot(topics.processes()).accepted() == 9);
        assertEquals("replayed 0 dead letters with reason UNKNOWN_ENTERPRISE from " + topics.deadLetters() + " to their source topics",
                brain(replay));
    }

    private static String brain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Brain.run(List.of(args), Map.of(), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** One telemetry sample of E1 at {@code time} in every partition, so every intake task's time passes it. */
    private static List<ProducerRecord<String, SpecificRecord>> closingSamples(TopicNames topics, String time) {
        List<ProducerRecord<String, SpecificRecord>> samples = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String device = deviceInPartition(partition);
            samples.add(new ProducerRecord<>(topics.telemetry(), device, new MachineTelemetry(device, "E1", "L9", 1L,
                    Instant.ofEpochMilli(at(time)), 60, MachineState.IDLE, 0, 0, 0.0, false, false, null)));
        }
        return samples;
    }

    /** A device id that Kafka's default partitioner puts in {@code partition}. */
    private static String deviceInPartition(int partition) {
        for (int i = 0; ; i++) {
            String id = "C" + i;
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
                return id;
            }
        }
    }

    private static void publish(BrainApp app, SchemaRegistryClient registry, List<ProducerRecord<String, SpecificRecord>> records) {
        KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(registry, true), records);
    }

    private static MetricRecord finalRecord(BrainApp app, SchemaRegistryClient registry, TopicNames topics, String key) {
        List<MetricRecord> finals = records(app, registry, topics.metricsFinal(), key, 1);
        assertEquals(1, finals.size(), "exactly one final for " + key);
        return finals.get(0);
    }

    private static List<MetricRecord> records(BrainApp app, SchemaRegistryClient registry, String topic, String key, int atLeast) {
        List<MetricRecord> found = new ArrayList<>();
        await().alias(atLeast + " record(s) for " + key + " on " + topic).atMost(TIMEOUT).until(() -> {
            found.clear();
            KafkaRecords.consume(app.bootstrapServers(), topic, 1, new StringDeserializer(),
                            new AvroDeserializer<>(registry, MetricRecord.class), TIMEOUT).stream()
                    .filter(r -> r.key().equals(key)).forEach(r -> found.add(r.value()));
            return found.size() >= atLeast;
        });
        return found;
    }

    /** the contract's numbers, each computed there by hand. */
    private static void assertWorkedExample(MetricRecord r) {
        assertEquals(Instant.parse(WINDOW), r.getWindowStart());
        assertEquals(Instant.parse("2025-11-20T11:00:00Z"), r.getWindowEnd());
        assertEquals(1L, r.getEnterprises());
        assertEquals(1L, r.getAboveScaleEnterprises());
        assertEquals(100L, r.getEmployees());
        assertEquals(30_000.0, r.getAddedValueCny(), 1e-9);
        assertEquals(120_000.0, r.getOutputValueCny(), 1e-9);
        assertEquals(240.0, r.getWorkerHours(), 1e-9);
        assertEquals(125.0, r.getLaborProductivityPerWorkerHour(), 1e-9);
        assertEquals(262.8, r.getAnnualizedLaborProductivity(), 1e-9);
        assertEquals(3L, r.getActiveDevices());
        assertEquals(2L, r.getNcDevices());
        assertEquals(2L, r.getCloudDevices());
        assertEquals(2.0 / 3, r.getNcRatio(), 1e-9);
        assertEquals(2.0 / 3, r.getDeviceCloudRatio(), 1e-9);
        assertEquals(70L, r.getGoodUnits());
        assertEquals(3L, r.getDefectUnits());
        assertEquals(70.0 / 73, r.getQualityRate(), 1e-9);
        assertEquals(900L, r.getRunningSeconds());
        assertEquals(600L, r.getIdleSeconds());
        assertEquals(300L, r.getDownSeconds());
        assertEquals(0.5, r.getAvailability(), 1e-9);
        assertEquals(4.8, r.getEnergyKwh(), 1e-9);
        assertEquals(1.6, r.getEnergyIntensity(), 1e-9);
        assertEquals(8L, r.getDigitizedProcesses());
        assertEquals(1.0, r.getDigitizedProcessRatio(), 1e-9);
        assertEquals(1L, r.getFullyDigitizedEnterprises());
        assertEquals(1L, r.getFullyDigitizedAboveScale());
        assertEquals(1L, r.getOnCloudEnterprises());
        assertEquals(1.0, r.getCloudAdoptionRate(), 1e-9);
        assertEquals(1.0, r.getFullyDigitizedRate(), 1e-9);
        assertEquals(0L, r.getSmartFactoryEnterprises());
        assertEquals(1L, r.getDuplicatesDropped());
        assertEquals(0L, r.getLateEventsInGrace());
        assertEquals(Instant.ofEpochMilli(at("10:59")), r.getLastEventTime());
    }
}
