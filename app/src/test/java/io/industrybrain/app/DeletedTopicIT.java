package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.cluster.TopicCreator;
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
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic deleted under a running {@code ./brain} (a JVM of its own, as an operator runs it): the app stops within
 * seconds with exit code 1 and one line naming the topic, not a stack trace, whether the topic was an input or an
 * output; the next start creates the topic again and counts what arrives on it.
 */
class DeletedTopicIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    /** The watch needs two checks {@link DeletedTopicWatch#EVERY} apart; the rest is closing, bounded by the app. */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void aDeletedInputOrOutputTopicStopsTheAppByNameAndARestartCreatesItAgain() throws Exception {
        String prefix = kafka.uniqueName("deleted-topic") + ".";
        TopicNames topics = new TopicNames(prefix);
        List<String> flags = List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--simulator=off", "--partitions=2",
                "--standby.replicas=0");
        // the reference data before the app starts: its global table follows brain.enterprises a moment behind
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), 2);
        produce(referenceData(topics, 1));
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        try (AppProcess app = new AppProcess("deleted-input", dir.resolve("data"), "384m", flags)) {
            app.start();
            app.awaitHealthy(TIMEOUT);
            produce(List.of(sample(topics, 1, minute)));
            awaitTelemetryAccepted(app, topics, 1);

            kafka.admin().deleteTopics(List.of(topics.telemetry())).all().get();

            assertEquals(Brain.EXIT_FAILED, app.awaitExit(STOPS_WITHIN));
            assertEquals(List.of(stopLine(topics.telemetry())), appErrors(app));

            app.start();
            app.awaitHealthy(TIMEOUT);
            assertTrue(kafka.admin().listTopics().names().get().contains(topics.telemetry()), "the restart did not create " + topics.telemetry());
            // the ledger kept the first run's sample; the new topic's first record is counted on top of it
            produce(List.of(sample(topics, 2, minute.plusSeconds(60))));
            awaitTelemetryAccepted(app, topics, 2);

            kafka.admin().deleteTopics(List.of(topics.metricsFinal())).all().get();

            assertEquals(Brain.EXIT_FAILED, app.awaitExit(STOPS_WITHIN));
            assertEquals(List.of(stopLine(topics.telemetry()), stopLine(topics.metricsFinal())), appErrors(app));

            app.start();
            app.awaitHealthy(TIMEOUT);
            assertTrue(kafka.admin().listTopics().names().get().contains(topics.metricsFinal()), "the restart did not create " + topics.metricsFinal());
        }
    }

    private static ProducerRecord<String, SpecificRecordBase> sample(TopicNames topics, long seq, Instant at) {
        MachineTelemetry sample = Events.sample("E1-D1", "E1", seq, at);
        return new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample);
    }

    private static void produce(List<ProducerRecord<String, SpecificRecordBase>> records) {
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(kafka.registryClient(), true), records);
    }

    private static void awaitTelemetryAccepted(AppProcess app, TopicNames topics, long accepted) throws Exception {
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> telemetryOutcomes(app, topics).path("accepted").asLong() == accepted);
        } catch (ConditionTimeoutException e) {
            List<String> log = app.output();
            throw new AssertionError("telemetry accepted is not " + accepted + ": " + telemetryOutcomes(app, topics) + "; the end of the app's log:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())), e);
        }
    }

    private static JsonNode telemetryOutcomes(AppProcess app, TopicNames topics) throws Exception {
        return getJson(app.url() + "/api/outcomes").path("topics").path(topics.telemetry());
    }

    private static String stopLine(String topic) {
        return "stopping: topic " + topic + " was deleted under the running app; a restart creates it again, empty (what it held is gone)";
    }

    /** The app's own ERROR lines, all runs so far (Kafka's clients log on their own, at WARN and ERROR). */
    private static List<String> appErrors(AppProcess app) throws Exception {
        String marker = "[ERROR] BrainApp - ";
        return app.output().stream().filter(line -> line.contains(marker)).map(line -> line.substring(line.indexOf(marker) + marker.length())).toList();
    }
}
