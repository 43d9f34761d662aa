package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under {@code data.dir}: the state stores (RocksDB, no write-ahead log: Kafka Streams keeps the
 * changelogs in Kafka) hold what they are given in memory until a memtable fills, so the app goes on counting; it
 * stops cleanly, and once space is freed a restart restores the state from the changelogs and every record is counted
 * once (exactly-once). The directory is a small tmpfs, so the test runs as root only (as CI does) and is skipped
 * elsewhere, saying so.
 */
class FullDiskIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final int SAMPLES = 3_000;

    @TempDir
    Path dir;

    @Test
    void onAFullDiskTheAppCountsOnAndARestartWithSpaceCountsEveryRecordOnce() throws Exception {
        Path dataDir = dir.resolve("small-disk");
        Files.createDirectories(dataDir);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dataDir.toString()),
                "cannot mount a tmpfs (not root?): the full-disk case is not tested here");
        try {
            String prefix = kafka.uniqueName("full-disk") + ".";
            TopicNames topics = new TopicNames(prefix);
            TopicCreator.ensureTopics(kafka.admin(), topics.all(), 2);
            AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(kafka.registryClient(), true);
            KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, referenceData(topics, 2));
            List<String> flags = List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                    "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--partitions=2", "--simulator=off",
                    "--standby.replicas=0");
            Path filler = dataDir.resolve("filler");
            try (AppProcess app = new AppProcess("full-disk-app", dataDir, "512m", flags)) {
                app.start();
                app.awaitHealthy(Duration.ofSeconds(120));
                fill(filler);
                assertThrows(IOException.class, () -> Files.write(dataDir.resolve("one-more"), new byte[64 * 1024]), "the disk is full");
                KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), values, samples(topics));
                // RocksDB keeps what it is given in memory until a memtable fills; what it holds is in the changelogs
                await().alias("the samples counted while the disk is full").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> getJson(app.url() + "/api/outcomes").path("topics").path(topics.telemetry()).path("accepted").asLong() == SAMPLES);
                // 128 + SIGTERM: the JVM's status after its shutdown hook (the app's clean stop) ran
                assertEquals(143, app.stop(), "a clean stop on a full disk");
            }
            Files.delete(filler);
            try (AppProcess again = new AppProcess("full-disk-app-again", dataDir, "512m", flags)) {
                again.start();
                again.awaitHealthy(Duration.ofSeconds(120));
                await().alias("every sample counted once after the restart").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            JsonNode telemetry = getJson(again.url() + "/api/outcomes").path("topics").path(topics.telemetry());
                            return telemetry.path("accepted").asLong() == SAMPLES && telemetry.path("inFlight").asLong() == 0;
                        });
                JsonNode telemetry = getJson(again.url() + "/api/outcomes").path("topics").path(topics.telemetry());
                assertEquals(List.of((long) SAMPLES, 0L), List.of(telemetry.path("consumed").asLong(), telemetry.path("duplicates").asLong()));
            }
        } finally {
            run("umount", dataDir.toString());
        }
    }

    private static List<ProducerRecord<String, SpecificRecordBase>> samples(TopicNames topics) {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int device = 0; device < SAMPLES; device++) {
            String enterprise = enterpriseId(device % 2);
            MachineTelemetry sample = Events.sample(enterprise + "-D" + device, enterprise, 1, minute.plusSeconds(device % 600));
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
