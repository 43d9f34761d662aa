package io.industrybrain.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.EventTopic;
import io.industrybrain.simulator.FaultCounters;
import io.industrybrain.simulator.FaultRates;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.ledger.OutcomeLedger;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under {@code kill -9} and broker bounces, after Apache Kafka's own Streams system tests
 * ({@code StreamsEosTest}, {@code StreamsBrokerBounceTest}): a three-node KRaft cluster (replication factor 3,
 * min ISR 2) and two instances of the app, each its own JVM, process what the simulator sends with faults on, over
 * about a minute, while the test kills one instance or the other with SIGKILL (always with a transaction open: the
 * feed never pauses and the instances commit every 2 s) and starts it again, and stops and restarts a broker: the
 * leader of a telemetry partition, and the leader of the ledger's one partition, which every task writes to. Then a
 * verifier that reads with read_committed checks: no transaction left open on any output partition, exactly one
 * final per key, each equal to a recomputation from the samples sent, and the outcome ledger equal to the
 * simulator's own count of what it sent (every resend a duplicate once, every bad record dead-lettered once with
 * its reason, nothing in flight, never negative between rows) with standby replicas on, so that a task moving from
 * a standby to active counts nothing twice.
 *
 * <p>The simulator's {@code late} fault is off here: whether a sample that arrives behind the others is LATE depends
 * on how far the pipeline's watermark has got, and a kill holds the watermark back for as long as the killed
 * instance's tasks are away (docs/decisions.md, "Event-time progress"); late input is the topology tests' and
 * {@code CatchUpIT}'s subject.
 */
class CrashIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension(3);

    /** Kills (alternating between the two instances); {@code benchmarks/crash-long.sh} runs more. */
    private static final int KILLS = Integer.getInteger("crash.kills", 4);
    /** Broker bounces, between the kills. */
    private static final int BOUNCES = Integer.getInteger("crash.bounces", 2);
    /** Minutes of event time the simulator sends, backfilled at a rate that spreads them over every disturbance. */
    private static final int MINUTES = Integer.getInteger("crash.minutes", 150);
    private static final Duration BETWEEN_DISTURBANCES = Duration.ofSeconds(7);
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final int ENTERPRISES = 8;
    private static final int DEVICES = 15;
    private static final int PARTITIONS = 4;
    private static final String FAULTS = "duplicate=0.01,reorder=0.01,outage=0.0005,malformed=0.002,invalid=0.002,unknown=0.002";
    private static final Duration CONVERGED = Duration.ofSeconds(300);

    @TempDir
    Path dir;

    @Test
    void killsAndBrokerBouncesChangeNoNumber() throws Exception {
        String prefix = kafka.uniqueName("crash") + ".";
        TopicNames topics = new TopicNames(prefix);
        String applicationId = prefix + "app";
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);

        // a kill takes a second besides the pause before it, a bounce about eight (stop, restart, replicas back in sync)
        long feedSeconds = KILLS * (BETWEEN_DISTURBANCES.toSeconds() + 1) + BOUNCES * (BETWEEN_DISTURBANCES.toSeconds() + 8);
        double telemetryPerSecond = (double) ENTERPRISES * DEVICES * MINUTES / feedSeconds;
        SimulatorSettings fleet = SimulatorSettings.defaults().withEnterprises(ENTERPRISES).withDevicesPerEnterprise(DEVICES)
                .withWindow(WINDOW).withGrace(GRACE).withBackfill(Duration.ofMinutes(MINUTES)).withReferenceChangesPerDay(0)
                .withRatePerSecond(telemetryPerSecond * 1.2).withFaults(FaultRates.parse(FAULTS));
        SentEvents sent = new SentEvents(WINDOW, GRACE);

        AppProcess first = instance("first", prefix, applicationId, dir.resolve("first"));
        AppProcess second = instance("second", prefix, applicationId, dir.resolve("second"));
        try (first; second; KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaEventSink.producerConfig(kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            KafkaEventSink kafkaSink = new KafkaEventSink(producer, new AvroSerializer<>(kafka.registryClient(), true), topics);
            Simulator simulator = new Simulator(fleet, Clock.systemUTC(), sent.andThen(kafkaSink));
            Instant caughtUp = Instant.now();
            // the fleet's reference data (the first call sends all of it) before the instances start, as enterprises are
            // registered before their gateways send: a brand-new enterprise's first events can otherwise overtake its
            // record on the way into the global table (docs/decisions.md, "Reference data is complete before events")
            simulator.emitDue();
            producer.flush();
            first.start();
            second.start();
            first.awaitHealthy(CONVERGED);
            second.awaitHealthy(CONVERGED);
            Thread feeder = new Thread(() -> {
                // the backfill, at the rate set, up to the minute the test began; then what faults still hold back
                while (simulator.simulatedTime().isBefore(caughtUp)) {
                    simulator.emitDue();
                    sleep(Duration.ofMillis(Math.max(1, Math.min(100, simulator.millisUntilDue()))));
                }
                simulator.drain();
            }, "crash-it-simulator");
            feeder.start();

            for (int i = 0; i < Math.max(KILLS, BOUNCES); i++) {
                if (i < KILLS) {
                    sleep(BETWEEN_DISTURBANCES);
                    AppProcess victim = i % 2 == 0 ? first : second;
                    victim.kill();
                    sleep(Duration.ofSeconds(1));
                    victim.start();
                }
                if (i < BOUNCES) {
                    sleep(BETWEEN_DISTURBANCES);
                    // a busy partition's leader: a telemetry partition's, or the ledger's, where every task writes
                    String topic = i % 2 == 0 ? topics.telemetry() : topics.outcomes();
                    int leader = leaderOf(topic);
                    kafka.cluster().stopNode(leader);
                    sleep(Duration.ofSeconds(3));
                    kafka.cluster().startNode(leader);
                    await().alias("every replica back in sync after node " + leader + " restarted").atMost(CONVERGED)
                            .pollInterval(Duration.ofSeconds(1)).until(CrashIT::everyReplicaInSync);
                }
            }
            feeder.join();
            assertEquals(0, kafkaSink.sendFailures());
            first.awaitHealthy(CONVERGED);
            second.awaitHealthy(CONVERGED);

            FaultCounters faults = simulator.faultCounters();
            await().alias("the ledger settles every record the simulator sent (" + faults + ")").atMost(CONVERGED)
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        TopicOutcomes now = ledger(topics, applicationId);
                        return now.inFlight() == 0 && now.consumed() == faults.recordsSent();
                    });
            TopicOutcomes ledger = ledger(topics, applicationId);
            assertEquals(List.of(faults.recordsSent(), faults.expectedAccepted(), faults.duplicates(), faults.malformed(),
                            faults.invalid(), faults.unknownEnterprise(), 0L, 0L),
                    List.of(ledger.consumed(), ledger.accepted(), ledger.duplicates(), ledger.deadLettered(DeadLetterReason.DESERIALIZATION),
                            ledger.deadLettered(DeadLetterReason.INVALID), ledger.deadLettered(DeadLetterReason.UNKNOWN_ENTERPRISE),
                            ledger.deadLettered(DeadLetterReason.LATE), ledger.inFlight()),
                    "ledger: consumed, accepted, duplicates, DESERIALIZATION, INVALID, UNKNOWN_ENTERPRISE, LATE, in flight");
            assertTrue(faults.duplicates() > 0 && faults.malformed() > 0 && faults.invalid() > 0 && faults.unknownEnterprise() > 0,
                    "every fault of the feed happened at least once: " + faults);

            List<String> outputs = List.of(topics.metrics(), topics.metricsFinal(), topics.deadLetters(), topics.outcomes());
            await().alias("no transaction left open on " + outputs).atMost(CONVERGED).pollInterval(Duration.ofSeconds(2))
                    .until(() -> lastStableOffsets(outputs).equals(highWatermarks(outputs)));

            // evidence that the kills hit open transactions: records that read_committed never shows
            long aborted = 0;
            for (String topic : outputs) {
                aborted += records(topic, IsolationLevel.READ_UNCOMMITTED) - records(topic, IsolationLevel.READ_COMMITTED);
            }
            assertTrue(aborted > 0, "no kill hit an open transaction with a record in it: the test did not test the crash path");

            // every window the watermark has closed (end + grace before the last minute sent): one final per key (the
            // enterprises, their chains and regions, the province), each equal to a recomputation from the samples
            AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
            List<ConsumerRecord<String, MetricRecord>> finals = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.metricsFinal(),
                    new StringDeserializer(), metrics);
            Map<String, MetricRecord> byKey = new TreeMap<>();
            finals.forEach(record -> byKey.put(record.key(), record.value()));
            assertEquals(byKey.size(), finals.size(), () -> "a key with two finals: " + finals.stream().map(ConsumerRecord::key).toList());
            Map<String, TelemetryTotals> expected = sent.closedWindowTotals(caughtUp);
            assertFalse(expected.isEmpty(), "no window closed: the test checks no final");
            for (Map.Entry<String, TelemetryTotals> key : expected.entrySet()) {
                MetricRecord metric = byKey.get(key.getKey());
                assertNotNull(metric, () -> "no final for " + key.getKey() + " among " + byKey.keySet());
                assertEquals(key.getValue(), TelemetryTotals.of(metric), key.getKey());
            }
            System.out.printf("kill -9 x%d and broker bounces x%d: %d records sent (%s), ledger exact, %d finals of %d closed-window keys "
                            + "equal to the recomputation, %d records of aborted transactions, no transaction open%n",
                    KILLS, BOUNCES, faults.recordsSent(), faults, byKey.size(), expected.size(), aborted);
        }
    }

    /** The node leading partition 0 of {@code topic}. */
    private static int leaderOf(String topic) throws Exception {
        return kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
    }

    /** Every partition of every topic, internal ones too, with all its replicas in sync. */
    private static boolean everyReplicaInSync() throws Exception {
        Set<String> names = kafka.admin().listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return kafka.admin().describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.isr().size() == partition.replicas().size());
    }

    /** The totals of the event topics in the ledger, read as any instance reads it: from the start, committed rows, in order. */
    private static TopicOutcomes ledger(TopicNames topics, String applicationId) {
        OutcomeLedger ledger = new OutcomeLedger(applicationId);
        for (ConsumerRecord<String, OutcomeTally> row : KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.outcomes(),
                new StringDeserializer(), new AvroDeserializer<>(kafka.registryClient(), OutcomeTally.class))) {
            ledger.apply(row.key(), row.value());
            ledger.totals().forEach((topic, now) -> {
                if (now.inFlight() < 0) {
                    throw new AssertionError("in flight negative on " + topic + " after " + row.key() + "@" + row.offset() + ": " + now);
                }
            });
        }
        return sum(ledger.totals().values());
    }

    private static TopicOutcomes sum(Iterable<TopicOutcomes> topics) {
        long consumed = 0;
        long accepted = 0;
        long duplicates = 0;
        long inFlight = 0;
        Map<DeadLetterReason, Long> deadLettered = new EnumMap<>(DeadLetterReason.class);
        for (TopicOutcomes topic : topics) {
            consumed += topic.consumed();
            accepted += topic.accepted();
            duplicates += topic.duplicates();
            inFlight += topic.inFlight();
            topic.deadLettered().forEach((reason, count) -> deadLettered.merge(reason, count, Long::sum));
        }
        return new TopicOutcomes(consumed, accepted, duplicates, deadLettered, Map.of(), inFlight);
    }

    /** Data records of {@code topic} a consumer with this isolation level reads, from the beginning to the end. */
    private static long records(String topic, IsolationLevel isolation) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static Map<TopicPartition, Long> lastStableOffsets(List<String> topics) throws Exception {
        return offsets(topics, IsolationLevel.READ_COMMITTED);
    }

    private static Map<TopicPartition, Long> highWatermarks(List<String> topics) throws Exception {
        return offsets(topics, IsolationLevel.READ_UNCOMMITTED);
    }

    private static Map<TopicPartition, Long> offsets(List<String> topics, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        kafka.admin().describeTopics(topics).allTopicNames().get().values().forEach(description ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> offsets = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        kafka.admin().listOffsets(latest, new ListOffsetsOptions(isolation)).all().get()
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }


    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An instance of the app, its own JVM, on the shared cluster. */
    private static AppProcess instance(String name, String prefix, String applicationId, Path dataDir) throws IOException {
        return new AppProcess(name, dataDir, "512m", List.of(
                "--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + applicationId, "--partitions=" + PARTITIONS, "--simulator=off",
                "--intake.idle.after=PT1S", "--min.group.size=1",
                // Kafka Streams commits as soon as a light load is processed and the interval has passed, so with
                // 100 ms a transaction is open for milliseconds; with 2 s each batch's stays open until a kill finds it
                "--commit.interval=PT2S"));
    }
}
