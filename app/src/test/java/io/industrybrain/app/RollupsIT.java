package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on its embedded broker with 6 partitions and 2 stream threads: the plan targets loaded with
 * {@code ./brain targets load}, nine enterprises in three chains and three cities publish one window's
 * events with the Java serializer, and every window-stage partition's stream time moves past the window's
 * end + grace. The chain, region and province finals on {@code brain.metrics.final} are the numbers computed
 * by hand below, each exactly once, and the roll-ups' updates are on {@code brain.metrics}.
 */
class RollupsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path PLAN = Path.of("../targets/plan-2025.json");
    private static final String W10 = "2026-11-01T10:00:00Z";
    private static final String W11 = "2026-11-01T11:00:00Z";

    @TempDir
    Path dataDir;

    /** id, chain, region, above scale, employees, value added, workers (8 h shifts), machine state, digitized processes. */
    private record Factory(String id, String chain, String region, boolean aboveScale, int employees, double added, int workers,
                           MachineState state, int digitized) { }

    private static final List<Factory> FACTORIES = List.of(
            new Factory("E1", "IC", "HZ", true, 100, 30_000, 10, MachineState.RUNNING, 8),
            new Factory("E2", "IC", "NB", true, 200, 20_000, 20, MachineState.RUNNING, 8),
            new Factory("E3", "IC", "WZ", false, 50, 5_000, 5, MachineState.IDLE, 2),
            new Factory("E4", "SW", "HZ", true, 80, 40_000, 10, MachineState.RUNNING, 8),
            new Factory("E5", "SW", "NB", false, 40, 4_000, 4, MachineState.DOWN, 0),
            new Factory("E6", "SW", "WZ", true, 120, 12_000, 12, MachineState.RUNNING, 4),
            new Factory("E7", "DS", "HZ", true, 60, 6_000, 6, MachineState.RUNNING, 8),
            new Factory("E8", "DS", "NB", true, 90, 18_000, 9, MachineState.IDLE, 8),
            new Factory("E9", "DS", "WZ", false, 30, 3_000, 3, MachineState.RUNNING, 1));

    @Test
    void chainRegionAndProvinceFinalsAreExactlyOnceAndAsComputedByHand() throws Exception {
        // Every one of the 6 window-stage partitions gets an enterprise, or its stream time would hold the finals back
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), FACTORIES.stream()
                .map(f -> Utils.toPositive(Utils.murmur2(f.id().getBytes(StandardCharsets.UTF_8))) % 6).collect(Collectors.toSet()));
        BrainSettings settings = embedded(dataDir);
        TopicNames topics = settings.topics();
        try (BrainApp app = BrainApp.start(settings, Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2))) {
            awaitHealthy(app);
            assertEquals("loaded 3 targets from " + PLAN + " to brain.targets",
                    loadTargetsAsAUserWould(URI.create("http://" + app.bootstrapServers()).getPort(), URI.create(app.registryUrl()).getPort()));

            SchemaRegistryClient registry = new CachedSchemaRegistryClient(new RestSchemaRegistryClient(app.registryUrl()));
            List<ProducerRecord<String, SpecificRecordBase>> reference = new ArrayList<>();
            for (Factory f : FACTORIES) {
                reference.add(new ProducerRecord<>(topics.enterprises(), f.id(), Enterprise.newBuilder().setEnterpriseId(f.id())
                        .setName("Factory " + f.id()).setRegion(f.region()).setIndustryChain(f.chain()).setAboveScale(f.aboveScale())
                        .setEmployees(f.employees()).setUpdatedAt(Instant.parse("2026-10-01T00:00:00Z")).build()));
            }
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(registry, true), reference);
            awaitEnterprisesKnown(app, topics, FACTORIES.size());
            List<ProducerRecord<String, SpecificRecordBase>> events = tenOClock(topics);
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(registry, true), events);
            // The four topics are read independently: a sample at 11:15 overtaking a 10:30 shift would make the shift LATE
            Map<String, Long> sent = events.stream().collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()));
            await().alias("every 10:00 event counted").atMost(TIMEOUT).until(() -> sent.entrySet().stream()
                    .allMatch(topic -> app.counters().snapshot(topic.getKey()).accepted() == topic.getValue()));
            // Stream time 11:15 in every partition closes 10:00 (end 11:00 + grace 10 min)
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(registry, true), samplesAt(topics, "11:15", 1));

            AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(registry, MetricRecord.class);
            Map<String, MetricRecord> finals = byKey(KafkaRecords.consume(app.bootstrapServers(), topics.metricsFinal(), 16,
                    new StringDeserializer(), metrics, TIMEOUT));
            assertEquals(16, finals.size(), () -> "finals: " + finals.keySet());

            assertRollup(finals.get("INDUSTRY_CHAIN:IC:" + W10), 3, 2, 350, 55_000, 280, 2, 1.0, 18.0 / 24, 2.0 / 3, 2);
            assertRollup(finals.get("INDUSTRY_CHAIN:SW:" + W10), 3, 2, 240, 56_000, 208, 1, 0.5, 0.5, 2.0 / 3, 1);
            assertRollup(finals.get("INDUSTRY_CHAIN:DS:" + W10), 3, 2, 180, 27_000, 144, 2, 1.0, 17.0 / 24, 2.0 / 3, 2);
            assertRollup(finals.get("REGION:HZ:" + W10), 3, 3, 240, 76_000, 208, 3, 1.0, 1.0, 1.0, 3);
            assertRollup(finals.get("REGION:NB:" + W10), 3, 2, 330, 42_000, 264, 2, 1.0, 16.0 / 24, 1.0 / 3, 2);
            assertRollup(finals.get("REGION:WZ:" + W10), 3, 1, 200, 20_000, 160, 0, 0.0, 7.0 / 24, 2.0 / 3, 0);
            MetricRecord province = finals.get("PROVINCE:ZJ:" + W10);
            assertRollup(province, 9, 6, 770, 138_000, 632, 5, 5.0 / 6, 47.0 / 72, 2.0 / 3, 5);
            // 138,000 CNY / 770 employees * 8,760 windows a year / 10,000
            double annualized = 138_000.0 / 770 * 8_760 / 10_000;
            assertEquals(annualized, province.getAnnualizedLaborProductivity(), 1e-9);
            assertEquals(Map.of("fullyDigitizedRate", 5.0 / 6 - 0.8, "annualizedLaborProductivity", annualized - 22,
                    "smartFactoryEnterprises", 5.0 - 1000).keySet(), province.getTargetGaps().keySet());
            assertEquals(5.0 / 6 - 0.8, province.getTargetGaps().get("fullyDigitizedRate"), 1e-9);
            assertEquals(annualized - 22, province.getTargetGaps().get("annualizedLaborProductivity"), 1e-9);
            assertEquals(-995.0, province.getTargetGaps().get("smartFactoryEnterprises"), 1e-9);
            // IC's labour productivity: E1 262.8, E2 and E3 87.6 each
            MetricRecord e1 = finals.get("ENTERPRISE:E1:" + W10);
            assertEquals(100.0, e1.getChainPercentiles().get("annualizedLaborProductivity"), 1e-9);
            assertEquals(200.0 / 3, finals.get("ENTERPRISE:E3:" + W10).getChainPercentiles().get("annualizedLaborProductivity"), 1e-9);

            // When the 11:00 window closes too
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(registry, true), samplesAt(topics, "12:15", 2));
            List<ConsumerRecord<String, MetricRecord>> all = KafkaRecords.consume(app.bootstrapServers(), topics.metricsFinal(), 32,
                    new StringDeserializer(), metrics, TIMEOUT);
            // Then its 16 finals have come, and still each (scope, scopeId, window) has exactly one
            Map<String, Long> perKey = all.stream().collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
            assertEquals(32, perKey.size(), () -> "finals: " + perKey);
            assertTrue(perKey.values().stream().allMatch(n -> n == 1), () -> "finals per key: " + perKey);
            assertEquals(16, perKey.keySet().stream().filter(k -> k.endsWith(W11)).count());

            // and brain.metrics carries the roll-ups' updates too
            Set<String> updated = committedKeys(app.bootstrapServers(), topics.metrics());
            assertTrue(updated.containsAll(Set.of("INDUSTRY_CHAIN:IC:" + W10, "REGION:WZ:" + W10, "PROVINCE:ZJ:" + W10)),
                    () -> "updates of " + updated);
        }
    }

    /** {@code ./brain targets load FILE} against the running app's ports, as a second process would. */
    private static String loadTargetsAsAUserWould(int brokerPort, int registryPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Brain.run(List.of("targets", "load", PLAN.toString(), "--broker.port=" + brokerPort, "--registry.port=" + registryPort),
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Brain.EXIT_OK, code, () -> err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-01T" + time + ":00Z");
    }

    /** Each factory's 10:00 window: a batch, an 8 h shift, a 30 min sample of its one NC and cloud device, its heartbeats. */
    private static List<ProducerRecord<String, SpecificRecordBase>> tenOClock(TopicNames topics) {
        List<ProducerRecord<String, SpecificRecordBase>> events = new ArrayList<>();
        for (Factory f : FACTORIES) {
            events.add(new ProducerRecord<>(topics.production(), f.id(), ProductionOutput.newBuilder().setBatchId("B-" + f.id())
                    .setEnterpriseId(f.id()).setLineId("L1").setProductCode("P1").setQuantity(10).setOutputValueCny(3 * f.added())
                    .setAddedValueCny(f.added()).setEventTime(at("10:20")).build()));
            events.add(new ProducerRecord<>(topics.shifts(), f.id(), WorkShift.newBuilder().setShiftId("S-" + f.id())
                    .setEnterpriseId(f.id()).setWorkers(f.workers()).setHours(8).setEventTime(at("10:30")).build()));
            events.add(sample(topics, f, at("10:40"), 1, f.state()));
            for (int p = 0; p < f.digitized(); p++) {
                events.add(new ProducerRecord<>(topics.processes(), f.id(), ProcessHeartbeat.newBuilder().setEnterpriseId(f.id())
                        .setProcess(KeyProcess.values()[p]).setSystem("ERP").setHosting(Hosting.ON_PREMISES).setDigitized(true)
                        .setEventTime(at("10:50")).build()));
            }
        }
        return events;
    }

    private static List<ProducerRecord<String, SpecificRecordBase>> samplesAt(TopicNames topics, String time, long seq) {
        return FACTORIES.stream().map(f -> sample(topics, f, at(time), 1 + seq, MachineState.RUNNING)).toList();
    }

    private static ProducerRecord<String, SpecificRecordBase> sample(TopicNames topics, Factory f, Instant at, long seq, MachineState state) {
        String device = "D-" + f.id();
        return new ProducerRecord<>(topics.telemetry(), device, MachineTelemetry.newBuilder().setDeviceId(device)
                .setEnterpriseId(f.id()).setLineId("L1").setSeq(seq).setEventTime(at).setSampleSeconds(1800).setState(state)
                .setGoodUnits(10).setDefectUnits(0).setEnergyKwh(1.0).setNumericallyControlled(true).setCloudConnected(true).build());
    }

    /**
     * The keys of every committed record of the topic now. Each final is published after its key's updates, by the
     * same task, so once the finals are read every update is committed.
     */
    private static Set<String> committedKeys(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<String> keys = new java.util.HashSet<>();
            await().alias("every committed record of " + topic).atMost(TIMEOUT).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
            return keys;
        }
    }

    private static Map<String, MetricRecord> byKey(List<ConsumerRecord<String, MetricRecord>> records) {
        Map<String, MetricRecord> byKey = new TreeMap<>();
        records.forEach(r -> byKey.put(r.key(), r.value()));
        return byKey;
    }

    private static void assertRollup(MetricRecord r, long enterprises, long aboveScale, long employees, double added,
                                     double workerHours, long fullyDigitized, double fullyDigitizedRate, double digitizedProcessRatio,
                                     double availability, long smartFactories) {
        String what = r.getScope() + ":" + r.getScopeId();
        assertTrue(r.getFinal$(), what);
        assertEquals(false, r.getSuppressed(), what);
        assertEquals(enterprises, r.getEnterprises(), what);
        assertEquals(aboveScale, r.getAboveScaleEnterprises(), what);
        assertEquals(employees, r.getEmployees(), what);
        assertEquals(added, r.getAddedValueCny(), 1e-9, what);
        assertEquals(workerHours, r.getWorkerHours(), 1e-9, what);
        assertEquals(added / employees * 8_760 / 10_000, r.getAnnualizedLaborProductivity(), 1e-9, what);
        assertEquals(fullyDigitized, r.getFullyDigitizedEnterprises(), what);
        assertEquals(fullyDigitizedRate, r.getFullyDigitizedRate(), 1e-9, what);
        assertEquals(digitizedProcessRatio, r.getDigitizedProcessRatio(), 1e-9, what);
        assertEquals(availability, r.getAvailability(), 1e-9, what);
        assertEquals(smartFactories, r.getSmartFactoryEnterprises(), what);
        assertEquals(at("10:50"), r.getLastEventTime(), what);
    }
}
