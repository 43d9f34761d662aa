package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under {@code data.dir}: the state stores (RocksDB, no write-ahead log: Kafka Streams keeps the
 * changelogs in Kafka) hold what they are given in memory until a memtable fills, so the app goes on counting; once a
 * memtable cannot be flushed the app stops with exit code 1 and one line naming {@code data.dir}, and once space is
 * freed a restart restores the state from the changelogs and every record is counted once (exactly-once). The
 * directory is a small tmpfs, so the test runs as root only (as CI does) and is skipped elsewhere, saying so.
 */
class FullDiskIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    /** Few enough for the memtables: counted on a full disk. */
    private static final int SAMPLES = 3_000;
    /**
     * Enough to fill a memtable of the device store (Kafka Streams' default write buffer, 16 MiB) more than twice
     * over: each sample is a new device with a 126-character id, about 250 bytes of store entry.
     */
    private static final int FLOOD = 150_000;

    /** Where the app itself says that something failed. */
    private static final Pattern OWN_FAILURE_LINE = Pattern.compile("\\[(ERROR|WARN)\\] (BrainApp|StreamThreadFailures|ProcessingFailures) - ");

    @TempDir
    Path dir;

    @Test
    @Disabled("Fails since the plan periods (issue 28): on the 16 MiB disk the app stops before the 3,000 samples are counted,"
            + " and its restart after space is freed does not count the flood; the cause is not found yet (see that issue's note)."
            + " Re-enable with the fix.")
    void onAFullDiskTheAppCountsWhileMemoryLastsThenStopsByNameAndARestartWithSpaceCountsEveryRecordOnce() throws Exception {
        Path dataDir = dir.resolve("small-disk");
        Files.createDirectories(dataDir);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dataDir.toString()),
                "cannot mount a tmpfs (not root?): the full-disk case is not tested here");
        try {
            String prefix = kafka.uniqueName("full-disk") + ".";
            TopicNames topics = new TopicNames(prefix);
            TopicCreator.ensureTopics(kafka.admin(), topics.all(), 1);
            AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(kafka.registryClient(), true);
            KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, referenceData(topics, 2));
            List<String> flags = List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                    "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--partitions=1", "--simulator=off",
                    "--standby.replicas=0");
            Path filler = dataDir.resolve("filler");
            try (AppProcess app = new AppProcess("full-disk-app", dataDir, "512m", flags)) {
                app.start();
                app.awaitHealthy(Duration.ofSeconds(120));
                fill(filler);
                assertThrows(IOException.class, () -> Files.write(dataDir.resolve("one-more"), new byte[64 * 1024]), "the disk is full");
                KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, samples(topics, 0, SAMPLES, "D%d"));
                // RocksDB keeps what it is given in memory until a memtable fills; what it holds is in the changelogs
                await().alias("the samples counted while the disk is full").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> accepted(app, topics) == SAMPLES);

                KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, samples(topics, SAMPLES, FLOOD, "gw-%0120d"));

                assertEquals(Brain.EXIT_FAILED, app.awaitExit(Duration.ofSeconds(180)), "the app stops once a memtable cannot be flushed");
                // the app's own account; Kafka's RocksDBStore adds an ERROR of its own when it closes the store
                List<String> errors = app.output().stream().filter(line -> OWN_FAILURE_LINE.matcher(line).find()).toList();
                assertEquals(1, errors.size(), "one line of the app's: " + errors);
                String stop = errors.get(0);
                String said = "[ERROR] BrainApp - stopping: the disk under data.dir (" + dataDir.toAbsolutePath().normalize() + ") is full: ";
                assertTrue(stop.contains(said) && stop.endsWith(": No space left on device; free space and start again, the state is restored "
                        + "from the changelogs"), stop);
            }
            Files.delete(filler);
            try (AppProcess again = new AppProcess("full-disk-app-again", dataDir, "512m", flags)) {
                again.start();
                again.awaitHealthy(Duration.ofSeconds(120));
                long all = SAMPLES + FLOOD;
                await().alias("every sample counted once after the restart").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            JsonNode telemetry = getJson(again.url() + "/api/outcomes").path("topics").path(topics.telemetry());
                            return telemetry.path("accepted").asLong() == all && telemetry.path("inFlight").asLong() == 0;
                        });
                JsonNode telemetry = getJson(again.url() + "/api/outcomes").path("topics").path(topics.telemetry());
                assertEquals(List.of(all, 0L), List.of(telemetry.path("consumed").asLong(), telemetry.path("duplicates").asLong()));
            }
        } finally {
            run("umount", dataDir.toString());
        }
    }

    private static long accepted(AppProcess app, TopicNames topics) throws IOException, InterruptedException {
        return getJson(app.url() + "/api/outcomes").path("topics").path(topics.telemetry()).path("accepted").asLong();
    }

    /** Samples of devices {@code from} to {@code from + count - 1}, each new, of two enterprises, within one window. */
    private static List<ProducerRecord<String, SpecificRecordBase>> samples(TopicNames topics, int from, int count, String deviceFormat) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int device = from; device < from + count; device++) {
            String enterprise = enterpriseId(device % 2);
            MachineTelemetry sample = Events.sample(enterprise + "-" + deviceFormat.formatted(device), enterprise, 1, hour.plusSeconds(device % 600));
            records.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
        }
        return records;
    }

    /** Writes until the file system refuses: nothing is left for the state stores. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!Files.exists(filler) || Files.size(filler) == 0) {
                throw full;
            }
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
