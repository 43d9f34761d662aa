package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.assertTelemetryCounts;
import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static io.industrybrain.app.BrainTestSupport.httpStatus;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.ledger.OutcomeLedger;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under {@code kill -9}, after Apache Kafka's own Streams EOS system test: two instances of the app,
 * each its own JVM, process a counted event set that arrives over half a minute, while the test kills one of them
 * with SIGKILL just after a batch arrived (a transaction open, with a record in it) and starts it again, four times. Then a
 * verifier that reads with read_committed checks: no transaction left open on any output partition, exactly one
 * final per key, each equal to a recomputation from the events sent, and the outcome ledger exact (every resend
 * a duplicate once, every invalid record dead-lettered once, nothing LATE, nothing in flight).
 */
class CrashIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    /** Kills (alternating between the two instances); {@code benchmarks/crash-long.sh} runs more. */
    private static final int KILLS = Integer.getInteger("crash.kills", 4);
    /** Minutes of event time sent, one minute's events every 300 ms: enough to keep the stream flowing through every kill. */
    private static final int MINUTES = Integer.getInteger("crash.minutes", 90);
    private static final Instant WINDOW = Instant.now().minus(Duration.ofMinutes(MINUTES)).truncatedTo(ChronoUnit.HOURS)
            .minus(Duration.ofHours(1));
    private static final int ENTERPRISES = 6;
    private static final int DEVICES = 20;
    private static final int PARTITIONS = 4;
    private static final Duration CONVERGED = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    @Test
    void killsWithTransactionsOpenChangeNoNumber() throws Exception {
        String prefix = kafka.uniqueName("crash") + ".";
        TopicNames topics = new TopicNames(prefix);
        String applicationId = prefix + "app";
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);
        AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(kafka.registryClient(), true);
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, referenceData(topics, ENTERPRISES));

        // The event set, minute by minute: every device's sample; every 50th sample sent twice; one invalid sample a minute
        List<MachineTelemetry> samples = new ArrayList<>();
        List<List<ProducerRecord<String, SpecificRecordBase>>> minutes = new ArrayList<>();
        long resent = 0;
        long invalid = 0;
        for (int minute = 0; minute < MINUTES; minute++) {
            List<ProducerRecord<String, SpecificRecordBase>> batch = new ArrayList<>();
            // first in every batch, on every partition: an invalid record, dead-lettered at once, so that whichever
            // instance is killed just after a batch has a transaction open with a record in it
            for (int partition = 0; partition < PARTITIONS; partition++) {
                MachineTelemetry bad = Events.sample(enterpriseId(0) + "-BAD" + partition, enterpriseId(0), minute, WINDOW.plusSeconds(60L * minute),
                        MachineState.RUNNING, 60, -1, 0, 0.5, true, true);
                batch.add(new ProducerRecord<>(topics.telemetry(), partition, bad.getDeviceId(), bad));
                invalid++;
            }
            for (int e = 0; e < ENTERPRISES; e++) {
                for (int d = 0; d < DEVICES; d++) {
                    MachineTelemetry sample = Events.sample(enterpriseId(e) + "-D" + d, enterpriseId(e), minute, WINDOW.plusSeconds(60L * minute),
                            MachineState.RUNNING, 60, 1 + d, 0, 0.5, d % 2 == 0, true);
                    samples.add(sample);
                    batch.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
                    if (samples.size() % 50 == 0) {
                        batch.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
                        resent++;
                    }
                }
            }
            minutes.add(batch);
        }

        Instance first = new Instance("first", prefix, applicationId, dir.resolve("first"));
        Instance second = new Instance("second", prefix, applicationId, dir.resolve("second"));
        try (first; second) {
            first.start();
            second.start();
            first.awaitHealthy();
            second.awaitHealthy();
            Semaphore batchSent = new Semaphore(0);
            Thread feeder = new Thread(() -> {
                for (List<ProducerRecord<String, SpecificRecordBase>> batch : minutes) {
                    KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, batch);
                    batchSent.release();
                    sleep(Duration.ofMillis(300));
                }
            }, "crash-it-feeder");
            feeder.start();
            // kill -9 just after a batch arrived, start again; alternating
            for (int kill = 0; kill < KILLS; kill++) {
                Instance victim = kill % 2 == 0 ? first : second;
                sleep(Duration.ofSeconds(6));
                batchSent.drainPermits();
                batchSent.acquire();
                sleep(Duration.ofMillis(30));
                victim.kill();
                sleep(Duration.ofSeconds(1));
                victim.start();
            }
            feeder.join();
            first.awaitHealthy();
            second.awaitHealthy();

            long sent = samples.size() + resent + invalid;
            TopicOutcomes expected = new TopicOutcomes(sent, samples.size(), resent, Map.of(DeadLetterReason.INVALID, invalid), Map.of(), 0);
            await().alias("the ledger settles every record sent").atMost(CONVERGED).pollInterval(Duration.ofSeconds(2))
                    .until(() -> expected.equals(ledger(topics, applicationId)));

            List<String> outputs = List.of(topics.metrics(), topics.metricsFinal(), topics.deadLetters(), topics.outcomes());
            await().alias("no transaction left open on " + outputs).atMost(CONVERGED).pollInterval(Duration.ofSeconds(2))
                    .until(() -> lastStableOffsets(outputs).equals(highWatermarks(outputs)));

            // evidence that the kills hit open transactions: records that read_committed never shows
            long aborted = 0;
            for (String topic : outputs) {
                aborted += records(topic, IsolationLevel.READ_UNCOMMITTED) - records(topic, IsolationLevel.READ_COMMITTED);
            }
            System.out.printf("kill -9 x%d: %d records of aborted transactions on %s; %d records sent, %d settled, %d duplicates, "
                    + "%d dead-lettered, ledger exact, no transaction open%n", KILLS, aborted, outputs, sent, expected.accepted(),
                    expected.duplicates(), expected.deadLetteredTotal());
            assertTrue(aborted > 0, "no kill hit an open transaction with a record in it: the test did not test the crash path");

            // every window the stream time has closed (its end + 10 min grace before the last minute sent): one final per
            // key (the enterprises, the chain, the region, the province), each equal to a recomputation from the samples
            AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
            List<ConsumerRecord<String, MetricRecord>> finals = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.metricsFinal(),
                    new StringDeserializer(), metrics);
            Map<String, MetricRecord> byKey = new TreeMap<>();
            finals.forEach(record -> byKey.put(record.key(), record.value()));
            int closed = (MINUTES - 1 - 70) / 60 + 1;
            assertEquals(closed * (ENTERPRISES + 3), finals.size(), () -> "one final per key: " + finals.stream().map(ConsumerRecord::key).toList());
            assertEquals(closed * (ENTERPRISES + 3), byKey.size());
            for (int hour = 0; hour < closed; hour++) {
                Instant window = WINDOW.plus(Duration.ofHours(hour));
                List<MachineTelemetry> inWindow = samples.stream().filter(sample -> !sample.getEventTime().isBefore(window)
                        && sample.getEventTime().isBefore(window.plus(Duration.ofHours(1)))).toList();
                assertTelemetryCounts(byKey.get("PROVINCE:ZJ:" + window), inWindow);
                assertTelemetryCounts(byKey.get("INDUSTRY_CHAIN:IC:" + window), inWindow);
                for (int e = 0; e < ENTERPRISES; e++) {
                    String enterprise = enterpriseId(e);
                    assertTelemetryCounts(byKey.get("ENTERPRISE:" + enterprise + ":" + window),
                            inWindow.stream().filter(sample -> sample.getEnterpriseId().equals(enterprise)).toList());
                }
            }
        }
    }

    /** The telemetry totals of the ledger, read as any instance reads it: from the start, committed rows, in order. */
    private static TopicOutcomes ledger(TopicNames topics, String applicationId) {
        OutcomeLedger ledger = new OutcomeLedger(applicationId);
        for (ConsumerRecord<String, OutcomeTally> row : KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.outcomes(),
                new StringDeserializer(), new AvroDeserializer<>(kafka.registryClient(), OutcomeTally.class))) {
            ledger.apply(row.key(), row.value());
            TopicOutcomes now = ledger.totals().get(topics.telemetry());
            if (now != null && now.inFlight() < 0) {
                throw new AssertionError("in flight negative after " + row.key() + "@" + row.offset() + ": " + now);
            }
        }
        return ledger.totals().get(topics.telemetry());
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

    /** One instance of the app in a JVM of its own, on the shared broker, its output in a log file beside its data. */
    private static final class Instance implements AutoCloseable {
        private final String name;
        private final List<String> command;
        private final Path log;
        private final int httpPort;
        private Process process;

        Instance(String name, String prefix, String applicationId, Path dataDir) throws IOException {
            this.name = name;
            this.httpPort = freePort();
            Files.createDirectories(dataDir);
            this.log = dataDir.resolveSibling(name + ".log");
            this.command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), Brain.class.getName(), "run",
                    "--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                    "--topic.prefix=" + prefix, "--application.id=" + applicationId, "--partitions=" + PARTITIONS, "--simulator=off",
                    "--http.port=" + httpPort, "--intake.idle.after=PT1S", "--data.dir=" + dataDir,
                    // Kafka Streams commits as soon as a light load is processed and the interval has passed, so with
                    // 100 ms a transaction is open for milliseconds; with 2 s each batch's stays open until a kill finds it
                    "--commit.interval=PT2S");
        }

        void start() throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        void awaitHealthy() {
            await().alias(name + " healthy (log " + log + ")").atMost(CONVERGED).pollInterval(Duration.ofMillis(500))
                    .until(() -> httpStatus("http://localhost:" + httpPort + "/health") == 200);
        }

        /** SIGKILL: no shutdown hook runs, the open transaction is left as it is. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
