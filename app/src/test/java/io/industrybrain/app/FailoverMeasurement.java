package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.OutcomeStage;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.schema.TopicTally;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the records of a dead instance wait: two instances of the app (their own JVMs) hold the state of
 * {@code failover.devices} machines, one is killed with SIGKILL while a steady feed runs, and the time is taken from
 * the kill until every record that had reached Kafka before it has its fate decided in the outcome ledger (each
 * partition's settled count at least what was sent to it by then), once without standby replicas and once with one.
 * A benchmark, not a test: {@code benchmarks/failover.sh} runs it and its figures go to {@code bench/results}; the
 * test command does not (its name matches none of the suite's patterns).
 */
class FailoverMeasurement {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final int DEVICES = Integer.getInteger("failover.devices", 100_000);
    private static final int DEVICES_PER_ENTERPRISE = 100;
    private static final int SAMPLES_PER_DEVICE = 3;
    private static final int PARTITIONS = 4;
    /** Records sent per second while the instance dies: light, so the survivor's own load does not hide the wait. */
    private static final int STEADY_RATE = 1_000;
    private static final Duration LONG = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    @Test
    void failoverWithoutAndWithStandbys() throws Exception {
        StringBuilder report = new StringBuilder();
        for (int standbys : List.of(0, 1)) {
            report.append(measure(standbys)).append('\n');
        }
        System.out.println("failover figures:\n" + report);
    }

    private String measure(int standbys) throws Exception {
        String prefix = kafka.uniqueName("failover") + ".";
        TopicNames topics = new TopicNames(prefix);
        String applicationId = prefix + "app";
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);
        int enterprises = DEVICES / DEVICES_PER_ENTERPRISE;
        AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(kafka.registryClient(), true);
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, referenceData(topics, enterprises));
        // the window the state is in: the current hour, so nothing closes while the measurement runs
        Instant window = Instant.now().truncatedTo(ChronoUnit.HOURS);
        AtomicLongArray sent = new AtomicLongArray(PARTITIONS);

        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, SpecificRecordBase> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), values)) {
            for (int seq = 0; seq < SAMPLES_PER_DEVICE; seq++) {
                for (int device = 0; device < DEVICES; device++) {
                    send(producer, topics, sample(device, seq, window), sent);
                }
            }
            producer.flush();
            long backlog = total(sent);

            AppProcess first = instance("first-" + standbys, prefix, applicationId, standbys);
            AppProcess second = instance("second-" + standbys, prefix, applicationId, standbys);
            try (first; second) {
                long started = System.nanoTime();
                first.start();
                second.start();
                first.awaitHealthy(LONG);
                second.awaitHealthy(LONG);
                await().alias("the backlog settled").atMost(LONG).pollInterval(Duration.ofSeconds(1))
                        .until(() -> settledAtLeast(topics, applicationId, snapshot(sent)));
                double backlogSeconds = (System.nanoTime() - started) / 1e9;

                AtomicBoolean feeding = new AtomicBoolean(true);
                Thread feeder = new Thread(() -> {
                    long seq = SAMPLES_PER_DEVICE;
                    int device = 0;
                    while (feeding.get()) {
                        for (int i = 0; i < STEADY_RATE / 10; i++) {
                            send(producer, topics, sample(device, seq, window), sent);
                            if (++device == DEVICES) {
                                device = 0;
                                seq++;
                            }
                        }
                        producer.flush();
                        sleepMillis(100);
                    }
                }, "failover-feed");
                feeder.start();
                sleepMillis(15_000);

                first.kill();
                long killed = System.nanoTime();
                long[] sentAtKill = snapshot(sent);
                await().alias("every record sent before the kill settled").atMost(LONG).pollInterval(Duration.ofMillis(250))
                        .until(() -> settledAtLeast(topics, applicationId, sentAtKill));
                double failoverSeconds = (System.nanoTime() - killed) / 1e9;
                feeding.set(false);
                feeder.join();
                return String.format("standby.replicas=%d: %,d devices (%,d records of state settled in %.1f s by two instances); "
                                + "kill -9 of one, then every record sent before the kill settled after %.1f s",
                        standbys, DEVICES, backlog, backlogSeconds, failoverSeconds);
            }
        }
    }

    private static MachineTelemetry sample(int device, long seq, Instant window) {
        String enterprise = enterpriseId(device / DEVICES_PER_ENTERPRISE);
        return Events.sample(enterprise + "-D" + device, enterprise, seq, window.plusSeconds(seq), MachineState.RUNNING,
                1, 1, 0, 0.1, true, true);
    }

    private static void send(KafkaProducer<String, SpecificRecordBase> producer, TopicNames topics, MachineTelemetry sample,
                             AtomicLongArray sent) {
        producer.send(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample), (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet(metadata.partition());
            }
        });
    }

    /**
     * Whether every intake task's records settled (counted, dropped as duplicates, dead-lettered) are at least
     * {@code sent} of its partition: the ledger's window rows of the task, added up, and its rejections at intake.
     */
    private static boolean settledAtLeast(TopicNames topics, String applicationId, long[] sent) {
        Map<String, OutcomeTally> rows = new HashMap<>();
        for (ConsumerRecord<String, OutcomeTally> row : KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.outcomes(),
                new StringDeserializer(), new AvroDeserializer<>(kafka.registryClient(), OutcomeTally.class))) {
            if (row.key().startsWith(applicationId + "/")) {
                rows.put(row.key(), row.value());
            }
        }
        long[] settled = new long[sent.length];
        for (OutcomeTally row : rows.values()) {
            for (TopicTally tally : row.getTopics()) {
                long rejectedOrLate = tally.getDeadLettered().values().stream().mapToLong(Long::longValue).sum();
                settled[row.getIntakeTask()] += rejectedOrLate
                        + (row.getStage() == OutcomeStage.WINDOW ? tally.getAccepted() + tally.getDuplicates() : 0);
            }
        }
        for (int p = 0; p < sent.length; p++) {
            if (settled[p] < sent[p]) {
                return false;
            }
        }
        return true;
    }

    private static long[] snapshot(AtomicLongArray sent) {
        long[] copy = new long[sent.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = sent.get(i);
        }
        return copy;
    }

    private static long total(AtomicLongArray sent) {
        long total = 0;
        for (long partition : snapshot(sent)) {
            total += partition;
        }
        return total;
    }

    private AppProcess instance(String name, String prefix, String applicationId, int standbys) throws Exception {
        return new AppProcess(name, dir.resolve(name), "1g", List.of(
                "--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + applicationId, "--partitions=" + PARTITIONS, "--simulator=off",
                "--standby.replicas=" + standbys));
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
