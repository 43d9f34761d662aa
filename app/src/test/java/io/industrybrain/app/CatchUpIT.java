package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.ledger.OutcomeLedger;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up on a skewed backlog, on a real broker with the production Streams settings: four and a half hours of
 * event time are in the topics before the app starts, and the app reads them with two stream threads and ten records
 * per poll. Every intake task's heartbeats were sent before its telemetry, so each task admits heartbeats hours of
 * event time ahead of its telemetry; intake task 0's telemetry partition holds far more than any other, so it stays
 * behind the other tasks while they race ahead; partition 5 of every topic is empty, and its task goes idle while
 * the others still read.
 * No timely event may be LATE, and every final must equal a recomputation from the events sent.
 */
class CatchUpIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");
    private static final int MINUTES = 270;
    private static final int PARTITIONS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /**
     * The gateways sent the heartbeats before the buffered telemetry, so Kafka Streams, which takes an intake task's
     * records in timestamp order, admits every heartbeat, hours of event time ahead, before the telemetry.
     */
    private static final long HEARTBEATS_SENT = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
    private static final long TELEMETRY_SENT = HEARTBEATS_SENT + Duration.ofHours(1).toMillis();
    /** Enterprise i's events go to partition i of each event topic; its device count. Nothing goes to partition 5. */
    private static final List<Integer> DEVICES = List.of(200, 3, 3, 3, 3);

    @TempDir
    Path dataDir;

    @Test
    void aSkewedBacklogIsCountedWithoutOneLateEventAndItsFinalsAreExact() throws Exception {
        String prefix = kafka.uniqueName("catch-up") + ".";
        TopicNames topics = new TopicNames(prefix);
        // as the app would create them: the backlog is there before it starts
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);
        AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(kafka.registryClient(), true);
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, referenceData(topics, DEVICES.size()));
        List<MachineTelemetry> samples = new ArrayList<>();
        List<ProducerRecord<String, SpecificRecordBase>> events = new ArrayList<>();
        for (int e = 0; e < DEVICES.size(); e++) {
            for (int minute = 0; minute < MINUTES; minute++) {
                for (int d = 0; d < DEVICES.get(e); d++) {
                    MachineTelemetry sample = Events.sample(enterpriseId(e) + "-D" + d, enterpriseId(e), minute, START.plusSeconds(60L * minute),
                            MachineState.RUNNING, 60, 2, 0, 0.5, true, true);
                    samples.add(sample);
                    events.add(new ProducerRecord<>(topics.telemetry(), e, TELEMETRY_SENT, sample.getDeviceId(), sample));
                }
            }
            for (int hour = 0; hour < MINUTES / 60 + 1; hour++) {
                for (KeyProcess process : KeyProcess.values()) {
                    events.add(new ProducerRecord<>(topics.processes(), e, HEARTBEATS_SENT, enterpriseId(e), Events.heartbeat(enterpriseId(e), process, Hosting.PUBLIC_CLOUD, true,
                            START.plus(Duration.ofHours(hour).plusMinutes(30)))));
                }
            }
        }
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, events);
        Map<String, Long> sent = events.stream().collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()));

        BrainSettings settings = SettingsLoader.load(List.of("--bootstrap.servers=" + kafka.bootstrapServers(),
                "--schema.registry.url=" + kafka.schemaRegistryUrl(), "--topic.prefix=" + prefix, "--application.id=" + prefix + "app",
                "--http.port=0", "--simulator=off", "--stream.threads=2", "--data.dir=" + dataDir,
                // the empty partition's task goes idle while the backlog is still being read, as it would with a longer one
                "--intake.idle.after=PT1S"), Map.of(), List.of()).settings();
        try (BrainApp app = BrainApp.start(settings, Map.of(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10))) {
            awaitHealthy(app);
            await().alias("every event settled").atMost(TIMEOUT).until(() -> sent.entrySet().stream().allMatch(topic -> {
                TopicOutcomes outcomes = app.counters().snapshot(topic.getKey());
                return outcomes.accepted() + outcomes.duplicates() + outcomes.deadLetteredTotal() == topic.getValue();
            }));
            for (String topic : sent.keySet()) {
                TopicOutcomes outcomes = app.counters().snapshot(topic);
                assertEquals(List.of(sent.get(topic), 0L, 0L), List.of(outcomes.accepted(), outcomes.duplicates(), outcomes.deadLetteredTotal()),
                        topic + ": every event accepted, none a duplicate, none dead-lettered");
            }
            // The outcome ledger says the same for the cluster, and no reader of it ever saw a negative in flight
            await().alias("the ledger has every event").atMost(TIMEOUT).until(() -> app.outcomes().current() && sent.entrySet().stream()
                    .allMatch(topic -> app.outcomes().snapshot().get(topic.getKey()).accepted() == topic.getValue()));
            for (String topic : sent.keySet()) {
                assertEquals(new TopicOutcomes(sent.get(topic), sent.get(topic), 0, Map.of(), Map.of(), 0), app.outcomes().snapshot().get(topic),
                        topic + " in the ledger");
            }
            assertLedgerNeverShowsMoreSettledThanForwarded(topics, prefix + "app");

            // Once every task is caught up and idle, stream time is the highest eventTime, 12:30: the windows from 08:00 to 11:00
            // close (11:00 ends at 12:00, plus 10 min grace), 12:00 stays open. Per window: 5 ENTERPRISE finals, IC, HZ, ZJ.
            List<ConsumerRecord<String, MetricRecord>> finals = KafkaRecords.consume(kafka.bootstrapServers(), topics.metricsFinal(), 4 * 8,
                    new StringDeserializer(), new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class), TIMEOUT);
            Map<String, MetricRecord> byKey = new TreeMap<>();
            finals.forEach(record -> byKey.put(record.key(), record.value()));
            assertEquals(4 * 8, byKey.size(), () -> "one final per key: " + finals.stream().map(ConsumerRecord::key).toList());
            for (int hour = 0; hour < 4; hour++) {
                Instant window = START.plus(Duration.ofHours(hour));
                List<MachineTelemetry> inWindow = samples.stream().filter(s -> !s.getEventTime().isBefore(window)
                        && s.getEventTime().isBefore(window.plus(Duration.ofHours(1)))).toList();
                BrainTestSupport.assertTelemetryCounts(byKey.get("PROVINCE:ZJ:" + window), inWindow);
                for (int e = 0; e < DEVICES.size(); e++) {
                    String enterprise = enterpriseId(e);
                    BrainTestSupport.assertTelemetryCounts(byKey.get("ENTERPRISE:" + enterprise + ":" + window),
                            inWindow.stream().filter(s -> s.getEnterpriseId().equals(enterprise)).toList());
                }
            }
        }
    }

    /**
     * Reads the ledger's rows from the beginning, committed ones only, in order, as any instance does, and checks
     * every state between two rows: in flight never negative, for 6 intake tasks and 6 window partitions on two
     * threads.
     */
    private static void assertLedgerNeverShowsMoreSettledThanForwarded(TopicNames topics, String applicationId) {
        List<ConsumerRecord<String, OutcomeTally>> rows = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.outcomes(),
                new StringDeserializer(), new AvroDeserializer<>(kafka.registryClient(), OutcomeTally.class));
        OutcomeLedger ledger = new OutcomeLedger(applicationId);
        for (ConsumerRecord<String, OutcomeTally> row : rows) {
            ledger.apply(row.key(), row.value());
            ledger.totals().forEach((topic, outcomes) -> assertTrue(outcomes.inFlight() >= 0,
                    () -> "in flight negative after " + row.key() + "@" + row.offset() + ": " + topic + " " + outcomes));
        }
        // every intake task with events (0 to 4) has its intake row and a window row of whichever partition settled them
        Set<String> keys = rows.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        for (int task = 0; task < DEVICES.size(); task++) {
            String intakeTask = String.valueOf(task);
            assertTrue(keys.contains(applicationId + "/intake/" + task), () -> "intake row of task " + intakeTask + " in " + keys);
            assertTrue(keys.stream().anyMatch(key -> key.startsWith(applicationId + "/window/") && key.endsWith("/" + intakeTask)),
                    () -> "a window row of task " + intakeTask + " in " + keys);
        }
    }

}
