package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input topic deleted under a running app: the app stops (Kafka Streams cannot run a topology without its
 * source), saying which topic in one line, rather than replacing threads that fail again; a restart creates the
 * topic again and runs.
 */
class DeletedTopicIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    @TempDir
    Path dataDir;

    @Test
    void anInputTopicDeletedUnderTheAppStopsItAndARestartCreatesItAgain() throws Exception {
        String prefix = kafka.uniqueName("deleted-topic") + ".";
        TopicNames topics = new TopicNames(prefix);
        BrainSettings settings = SettingsLoader.load(List.of("--bootstrap.servers=" + kafka.bootstrapServers(),
                "--schema.registry.url=" + kafka.schemaRegistryUrl(), "--topic.prefix=" + prefix, "--application.id=" + prefix + "app",
                "--http.port=0", "--simulator=off", "--partitions=2", "--standby.replicas=0", "--data.dir=" + dataDir,
                // Kafka Streams learns of the deletion when a fetch of the gone partitions times out, after a minute by default
                "--kafka.metadata.max.age.ms=5000", "--kafka.request.timeout.ms=4000", "--kafka.default.api.timeout.ms=5000"),
                Map.of(), List.of()).settings();
        CountDownLatch stopped = new CountDownLatch(1);
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            app.onStreamsFailed(stopped::countDown);
            awaitHealthy(app);
            List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>(referenceData(topics, 1));
            MachineTelemetry sample = Events.sample("E1-D1", "E1", 1, Instant.now().truncatedTo(ChronoUnit.MINUTES));
            records.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
            KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(kafka.registryClient(), true), records);
            await().atMost(TIMEOUT).until(() -> app.counters().snapshot(topics.telemetry()).consumed() == 1);

            kafka.admin().deleteTopics(List.of(topics.telemetry())).all().get();

            assertTrue(stopped.await(120, TimeUnit.SECONDS), "the app did not stop after its input topic " + topics.telemetry() + " was deleted");
        }
        try (BrainApp again = BrainApp.start(settings, Map.of())) {
            awaitHealthy(again);
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.admin().listTopics().names().get().contains(topics.telemetry()));
        }
    }
}
