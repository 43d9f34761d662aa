package io.industrybrain.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.testkit.ConfluentPython;
import io.industrybrain.testkit.DebianPackages;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole path on real parts: Debian's Mosquitto and mosquitto_pub, a Kafka Connect worker in
 * distributed mode loading the connector from a plugin directory, the embedded Kafka broker and the
 * project's schema registry; the records read back with the project's deserializer and with
 * Confluent's Python client.
 */
class MqttSourceConnectorIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Logger log = LoggerFactory.getLogger(MqttSourceConnectorIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static MosquittoBroker mqtt;
    private static ConnectWorker worker;
    private static Map<String, String> workerProps;
    private static TopicNames topics;
    private static String deadLetterTopic;
    private static String connector;

    @BeforeAll
    static void startMqttAndConnect() throws Exception {
        DebianPackages.require(List.of("which", "mosquitto", "mosquitto_pub"), "mosquitto", "mosquitto-clients");
        mqtt = MosquittoBroker.start(work.resolve("mosquitto"));

        String prefix = kafka.uniqueName("mqtt") + ".";
        topics = new TopicNames(prefix);
        // The product creates its topics at start; the dead-letter topic is Connect's to create (topic.creation.*).
        topics.eventTopics().forEach(topic -> kafka.createTopic(topic, 3));
        deadLetterTopic = prefix + "brain.mqtt.dlq";

        workerProps = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "listeners", "http://localhost:0",
                "plugin.path", PluginDirectory.build(work.resolve("plugins")).toString(),
                "group.id", prefix + "connect",
                "config.storage.topic", prefix + "connect-configs",
                "offset.storage.topic", prefix + "connect-offsets",
                "status.storage.topic", prefix + "connect-status");
        worker = ConnectWorker.start(workerProps);

        connector = kafka.uniqueName("mqtt-source");
        Path config = Files.writeString(work.resolve(connector + ".json"), shippedConnectorConfig(connector, prefix).toString());
        assertEquals("created connector " + connector + " at " + restUrl(), register(config));
        assertEquals("updated connector " + connector + " at " + restUrl(), register(config));
        awaitTaskRunning();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromThePluginDirectory() {
        assertEquals(work.resolve("plugins").resolve("industry-brain-mqtt"),
                Path.of(URI.create(worker.pluginLocation(MqttSourceConnector.class.getName()))));
    }

    @Test
    void gatewayMessagesArriveAsTheContractsRecords() throws Exception {
        mqtt.publish("factory/EA/DA/telemetry", """
                {"lineId": "L1", "seq": 1, "eventTime": "2026-03-01T10:05:00+08:00", "sampleSeconds": 600,
                 "state": "RUNNING", "goodUnits": 50, "defectUnits": 2, "energyKwh": 3.0,
                 "numericallyControlled": true, "cloudConnected": false}""");
        mqtt.publish("factory/EA/production", """
                {"batchId": "BA1", "lineId": "L1", "productCode": "P-100", "quantity": 400,
                 "outputValueCny": 80000.0, "addedValueCny": 20000.0, "eventTime": 1772332800000}""");
        mqtt.publish("factory/EA/shifts", """
                {"shiftId": "SA1", "workers": 30, "hours": 8.0, "eventTime": "2026-03-01T02:59:00Z"}""");
        mqtt.publish("factory/EA/processes", """
                {"process": "MANUFACTURING", "system": "MES", "hosting": "PUBLIC_CLOUD", "digitized": true,
                 "eventTime": "2026-03-01T10:30:00.250+08:00"}""");

        MachineTelemetry telemetry = MachineTelemetry.newBuilder().setDeviceId("DA").setEnterpriseId("EA").setLineId("L1")
                .setSeq(1).setEventTime(Instant.ofEpochMilli(1_772_330_700_000L)).setSampleSeconds(600)
                .setState(MachineState.RUNNING).setGoodUnits(50).setDefectUnits(2).setEnergyKwh(3.0)
                .setNumericallyControlled(true).setCloudConnected(false).build();
        assertEquals(telemetry, only(topics.telemetry(), "DA", MachineTelemetry.class));
        assertEquals(ProductionOutput.newBuilder().setBatchId("BA1").setEnterpriseId("EA").setLineId("L1")
                        .setProductCode("P-100").setQuantity(400).setOutputValueCny(80_000.0).setAddedValueCny(20_000.0)
                        .setEventTime(Instant.ofEpochMilli(1_772_332_800_000L)).build(),
                only(topics.production(), "EA", ProductionOutput.class));
        assertEquals(WorkShift.newBuilder().setShiftId("SA1").setEnterpriseId("EA").setWorkers(30).setHours(8.0)
                        .setEventTime(Instant.ofEpochMilli(1_772_333_940_000L)).build(),
                only(topics.shifts(), "EA", WorkShift.class));
        assertEquals(ProcessHeartbeat.newBuilder().setEnterpriseId("EA").setProcess(KeyProcess.MANUFACTURING)
                        .setSystem("MES").setHosting(Hosting.PUBLIC_CLOUD).setDigitized(true)
                        .setEventTime(Instant.ofEpochMilli(1_772_332_200_250L)).build(),
                only(topics.processes(), "EA", ProcessHeartbeat.class));

        String output = ConfluentPython.run(Path.of("src/test/python/confluent_consume.py"),
                List.of(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), topics.telemetry(), "DA")).strip();
        // The value is the last line; the client may log before it.
        JsonNode read = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
        ObjectNode expected = JSON.createObjectNode().put("deviceId", "DA").put("enterpriseId", "EA").put("lineId", "L1")
                .put("seq", 1).put("eventTime", 1_772_330_700_000L).put("sampleSeconds", 600).put("state", "RUNNING")
                .put("goodUnits", 50).put("defectUnits", 2).put("energyKwh", 3.0).put("numericallyControlled", true)
                .put("cloudConnected", false).putNull("gatewayId");
        assertEquals(expected, read);
    }

    @Test
    void unmappablePayloadsGoToTheDeadLetterTopicWithConnectsHeaders() throws Exception {
        mqtt.publish("factory/EB/DB/telemetry", "not json");
        mqtt.publish("factory/EB/production", "{\"batchId\": 7}");
        // The task goes on: a good message after the bad ones arrives.
        mqtt.publish("factory/EB/DB/telemetry", """
                {"lineId": "L2", "seq": 1, "eventTime": 0, "sampleSeconds": 60, "state": "IDLE", "goodUnits": 0,
                 "defectUnits": 0, "energyKwh": 0.1, "numericallyControlled": false, "cloudConnected": false}""");

        List<ConsumerRecord<byte[], byte[]>> dead = readUntil(deadLetterTopic, "2 dead letters",
                records -> assertEquals(2, records.size()));
        ConsumerRecord<byte[], byte[]> notJson = dead.get(0);
        assertEquals("factory/EB/DB/telemetry", new String(notJson.key(), UTF_8));
        assertArrayEquals("not json".getBytes(UTF_8), notJson.value());
        Map<String, String> headers = headers(notJson);
        assertEquals("factory/EB/DB/telemetry", headers.get("__connect.errors.topic"));
        assertEquals(connector, headers.get("__connect.errors.connector.name"));
        assertEquals("0", headers.get("__connect.errors.task.id"));
        assertEquals("TASK_POLL", headers.get("__connect.errors.stage"));
        assertEquals(UnmappablePayloadException.class.getName(), headers.get("__connect.errors.exception.class.name"));
        assertTrue(headers.get("__connect.errors.exception.message").startsWith("payload is not JSON"),
                headers.get("__connect.errors.exception.message"));

        ConsumerRecord<byte[], byte[]> wrongType = dead.get(1);
        assertArrayEquals("{\"batchId\": 7}".getBytes(UTF_8), wrongType.value());
        assertEquals("ProductionOutput.batchId must be a JSON string, was 7",
                headers(wrongType).get("__connect.errors.exception.message"));

        assertEquals(1L, only(topics.telemetry(), "DB", MachineTelemetry.class).getSeq());
        assertEquals("RUNNING", taskState(connector));
    }

    @Test
    void theTaskReconnectsWhenTheMqttBrokerComesBack() throws Exception {
        mqtt.restart();
        mqtt.publishEach("factory/ED/DD/telemetry", IntStream.rangeClosed(1, 20)
                .mapToObj(MqttSourceConnectorIT::telemetryPayload).toList());

        Set<Object> everySeq = LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toSet());
        AvroDeserializer<MachineTelemetry> reader = new AvroDeserializer<>(kafka.registryClient(), MachineTelemetry.class);
        readUntil(topics.telemetry(), "every seq of DD in Kafka", records -> assertEquals(Set.of(),
                missing(everySeq, keyed(records, "DD"), value -> reader.deserialize(topics.telemetry(), value).getSeq())));
        assertEquals("RUNNING", taskState(connector));
    }

    @Test
    void aRecordConnectCannotWriteFailsTheTaskAndArrivesAfterTheFix() throws Exception {
        // A connector of its own (own MQTT root and Kafka topics), whose shifts subject holds a schema
        // that the contract's WorkShift is not BACKWARD compatible with: the registry refuses, the
        // converter fails, and Connect (errors.tolerance=all) drops the record.
        String prefix = kafka.uniqueName("refused") + ".";
        TopicNames refusedTopics = new TopicNames(prefix);
        refusedTopics.eventTopics().forEach(topic -> kafka.createTopic(topic, 1));
        String subject = refusedTopics.shifts() + "-value";
        kafka.registryClient().register(subject, new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "WorkShift", "namespace": "io.industrybrain.schema",
                 "fields": [{"name": "crew", "type": "string"}]}"""));
        String refusing = kafka.uniqueName("mqtt-refused");
        ObjectNode config = shippedConnectorConfig(refusing, prefix).put("mqtt.topic.root", "plant");
        register(Files.writeString(work.resolve(refusing + ".json"), config.toString()));
        await().alias("task of " + refusing + " RUNNING").atMost(TIMEOUT).until(() -> "RUNNING".equals(taskState(refusing)));

        mqtt.publish("plant/EF/shifts", "{\"shiftId\": \"SF1\", \"workers\": 12, \"hours\": 7.5, \"eventTime\": 0}");

        await().alias("task of " + refusing + " FAILED").atMost(TIMEOUT).until(() -> "FAILED".equals(taskState(refusing)));
        assertTrue(taskTrace(refusing).contains("The message is left unacknowledged"), taskTrace(refusing));

        HttpResponse<String> relaxed = HTTP.send(HttpRequest.newBuilder(URI.create(kafka.schemaRegistryUrl() + "/config/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\": \"NONE\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, relaxed.statusCode(), relaxed.body());
        HttpResponse<String> restarted = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl() + "/connectors/" + refusing
                + "/restart?includeTasks=true&onlyFailed=true")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, restarted.statusCode(), restarted.body());

        List<ConsumerRecord<byte[], byte[]>> shifts = readUntil(refusedTopics.shifts(), "the shift redelivered after the fix",
                records -> assertEquals(1, records.size()));
        assertEquals(WorkShift.newBuilder().setShiftId("SF1").setEnterpriseId("EF").setWorkers(12).setHours(7.5)
                        .setEventTime(Instant.EPOCH).build(),
                new AvroDeserializer<>(kafka.registryClient(), WorkShift.class).deserialize(refusedTopics.shifts(),
                        shifts.get(0).value()));
    }

    @Test
    void aWorkerRestartLosesNothingAndDuplicatesAreExact() throws Exception {
        int samplesPerPhase = 100;
        int batchesPerPhase = 10;

        // Before the stop, with the worker flowing.
        publishPhase(0, samplesPerPhase, batchesPerPhase);
        readUntil(topics.telemetry(), "records of the first phase in Kafka", records -> assertFalse(keyed(records, "DC").isEmpty()));

        // While the worker stops.
        CompletableFuture<Void> duringStop = CompletableFuture.runAsync(() -> publishPhase(1, samplesPerPhase, batchesPerPhase));
        worker.close();
        duringStop.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // While no worker runs: the broker queues them in the connector's session.
        publishPhase(2, samplesPerPhase, batchesPerPhase);
        worker = ConnectWorker.start(workerProps);

        AvroDeserializer<MachineTelemetry> telemetryReader = new AvroDeserializer<>(kafka.registryClient(), MachineTelemetry.class);
        Function<byte[], Object> seq = value -> telemetryReader.deserialize(topics.telemetry(), value).getSeq();
        Set<Object> everySeq = LongStream.rangeClosed(1, 3L * samplesPerPhase).boxed().collect(Collectors.toSet());
        List<ConsumerRecord<byte[], byte[]>> samples = keyed(readUntil(topics.telemetry(), "every seq of DC in Kafka",
                records -> assertEquals(Set.of(), missing(everySeq, keyed(records, "DC"), seq), "seqs not in Kafka")), "DC");
        Map<Object, byte[]> bySeq = assertDuplicatesExact(samples, seq);
        for (long n = 1; n <= 3L * samplesPerPhase; n++) {
            assertEquals(expectedTelemetry(n), telemetryReader.deserialize(topics.telemetry(), bySeq.get(n)));
        }

        AvroDeserializer<ProductionOutput> productionReader = new AvroDeserializer<>(kafka.registryClient(), ProductionOutput.class);
        Function<byte[], Object> batchId = value -> productionReader.deserialize(topics.production(), value).getBatchId();
        Set<Object> everyBatch = IntStream.rangeClosed(1, 3 * batchesPerPhase).mapToObj(n -> "BC" + n).collect(Collectors.toSet());
        List<ConsumerRecord<byte[], byte[]>> outputs = keyed(readUntil(topics.production(), "every batch of EC in Kafka",
                records -> assertEquals(Set.of(), missing(everyBatch, keyed(records, "EC"), batchId), "batches not in Kafka")), "EC");
        assertDuplicatesExact(outputs, batchId);
        log.info("Across the worker restart: {} telemetry records for {} seqs, {} production records for {} batches",
                samples.size(), everySeq.size(), outputs.size(), everyBatch.size());
        awaitTaskRunning();
    }

    /** Phase p (0, 1, 2) publishes telemetry seqs and production batches of its own range, in order. */
    private static void publishPhase(int phase, int samples, int batches) {
        mqtt.publishEach("factory/EC/DC/telemetry", IntStream.rangeClosed(phase * samples + 1, (phase + 1) * samples)
                .mapToObj(MqttSourceConnectorIT::telemetryPayload).toList());
        mqtt.publishEach("factory/EC/production", IntStream.rangeClosed(phase * batches + 1, (phase + 1) * batches)
                .mapToObj(MqttSourceConnectorIT::productionPayload).toList());
    }

    private static String telemetryPayload(int seq) {
        return "{\"lineId\": \"L3\", \"seq\": " + seq + ", \"eventTime\": " + (1_772_330_700_000L + seq * 1_000L)
                + ", \"sampleSeconds\": 1, \"state\": \"RUNNING\", \"goodUnits\": " + seq % 7 + ", \"defectUnits\": 0,"
                + " \"energyKwh\": 0.25, \"numericallyControlled\": true, \"cloudConnected\": true}";
    }

    private static MachineTelemetry expectedTelemetry(long seq) {
        return MachineTelemetry.newBuilder().setDeviceId("DC").setEnterpriseId("EC").setLineId("L3").setSeq(seq)
                .setEventTime(Instant.ofEpochMilli(1_772_330_700_000L + seq * 1_000L)).setSampleSeconds(1)
                .setState(MachineState.RUNNING).setGoodUnits((int) (seq % 7)).setDefectUnits(0).setEnergyKwh(0.25)
                .setNumericallyControlled(true).setCloudConnected(true).build();
    }

    private static String productionPayload(int batch) {
        return "{\"batchId\": \"BC" + batch + "\", \"lineId\": \"L3\", \"productCode\": \"P-7\", \"quantity\": " + batch
                + ", \"outputValueCny\": 100.0, \"addedValueCny\": 25.0, \"eventTime\": 1772330700000}";
    }

    /** Every identity (seq, batchId) occurs with one key and one value: any second copy is byte for byte the first. */
    private static Map<Object, byte[]> assertDuplicatesExact(List<ConsumerRecord<byte[], byte[]>> records,
                                                              Function<byte[], Object> identity) {
        Map<Object, byte[]> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] earlier = first.putIfAbsent(identity.apply(record.value()), record.value());
            if (earlier != null) {
                assertArrayEquals(earlier, record.value(), "a duplicate of " + identity.apply(record.value()) + " differs");
            }
        }
        return first;
    }

    private static Set<Object> missing(Set<Object> expected, List<ConsumerRecord<byte[], byte[]>> records,
                                       Function<byte[], Object> identity) {
        Set<Object> missing = new TreeSet<>(expected);
        records.forEach(record -> missing.remove(identity.apply(record.value())));
        return missing;
    }

    private static List<ConsumerRecord<byte[], byte[]>> keyed(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(new String(record.key(), UTF_8))).toList();
    }

    /** The one record with this key on the topic, read with the project's deserializer. */
    private static <T> T only(String topic, String key, Class<T> type) {
        List<ConsumerRecord<byte[], byte[]>> records = keyed(
                readUntil(topic, "a record with key " + key + " on " + topic, all -> assertFalse(keyed(all, key).isEmpty())), key);
        assertEquals(1, records.size(), "records with key " + key + " on " + topic);
        return new AvroDeserializer<>(kafka.registryClient(), type).deserialize(topic, records.get(0).value());
    }

    /** Reads the topic from its beginning until what was read passes {@code assertion}; a timeout reports its last failure. */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, String alias,
                                                                   Consumer<List<ConsumerRecord<byte[], byte[]>>> assertion) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = await().alias("partitions of " + topic).atMost(TIMEOUT).pollInSameThread()
                    .until(() -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList(), found -> !found.isEmpty());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().alias(alias).atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .untilAsserted(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                        assertion.accept(read);
                    });
        }
        return read;
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }

    /** The shipped connector config with this test's MQTT broker, registry and topics, and the connector's name as client id. */
    private static ObjectNode shippedConnectorConfig(String name, String prefix) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(Path.of("config", "mqtt-source.json").toFile());
        return config.put("mqtt.server.uris", mqtt.uri())
                .put("mqtt.client.id", name)
                .put("kafka.topic.prefix", prefix)
                .put("value.converter.schema.registry.url", kafka.schemaRegistryUrl())
                .put("errors.deadletterqueue.topic.name", prefix + "brain.mqtt.dlq");
    }

    /** Runs connectors/register.sh against the worker; returns what it prints. */
    private static String register(Path config) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "register.sh", config.toString()).redirectErrorStream(true);
        builder.environment().put("CONNECT_URL", restUrl());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "register.sh did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String restUrl() {
        String url = worker.restUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void awaitTaskRunning() {
        await().alias("task of " + connector + " RUNNING").atMost(TIMEOUT).until(() -> "RUNNING".equals(taskState(connector)));
    }

    /** The state of a connector's task as Connect's REST API reports it, or null before it has one. */
    private static String taskState(String name) throws IOException, InterruptedException {
        return task(name).path("state").asText(null);
    }

    /** The stack trace of a failed task, as Connect's REST API reports it. */
    private static String taskTrace(String name) throws IOException, InterruptedException {
        return task(name).path("trace").asText("");
    }

    private static JsonNode task(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl() + "/connectors/" + name
                + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return JSON.missingNode();
        }
        return JSON.readTree(response.body()).path("tasks").path(0);
    }
}
