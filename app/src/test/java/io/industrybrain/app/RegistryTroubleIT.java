package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
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
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that answers garbage is the registry's fault, not the records': while it does, the app decodes
 * nothing and dead-letters nothing, and once it answers again every record is counted once.
 */
class RegistryTroubleIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private static final int SAMPLES = 10;
    /**
     * A replaced thread's tasks wait for the failed thread's membership to expire: the broker's smallest session
     * timeout instead of the default 45 s keeps the test short.
     */
    private static final Map<String, Object> QUICK_REJOIN = Map.of(
            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000,
            StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);

    @TempDir
    Path dataDir;

    @Test
    void garbageFromTheRegistryIsWaitedOutAndEveryRecordCountedOnceAfter() throws Exception {
        String prefix = kafka.uniqueName("registry-trouble") + ".";
        TopicNames topics = new TopicNames(prefix);
        try (MisbehavingRegistry registry = new MisbehavingRegistry(kafka.schemaRegistryUrl());
             BrainApp app = BrainApp.start(settings(prefix, registry.url(), dataDir), QUICK_REJOIN)) {
            awaitHealthy(app);
            publish(referenceData(topics, 1));
            awaitEnterprisesKnown(app, topics, 1);

            // Each answer at least once to a thread replaced after the one before: the app retried, and dead-lettered nothing.
            // The samples go out once the registry has turned bad, or the app could have looked their schema up before.
            for (MisbehavingRegistry.Answer garbage : List.of(MisbehavingRegistry.Answer.HTML_500, MisbehavingRegistry.Answer.EMPTY_JSON)) {
                int before = registry.spoiledLookUps();
                registry.answer(garbage);
                if (garbage == MisbehavingRegistry.Answer.HTML_500) {
                    publish(samples(topics));
                }
                await().alias("the app asked again and got " + garbage).atMost(TIMEOUT).dontCatchUncaughtExceptions()
                        .until(() -> registry.spoiledLookUps() > before);
            }
            registry.answer(MisbehavingRegistry.Answer.PASSED_THROUGH);

            TopicOutcomes everyOneAccepted = new TopicOutcomes(SAMPLES, SAMPLES, 0, Map.of(), Map.of(), 0);
            await().alias("the ledger says " + everyOneAccepted).atMost(TIMEOUT).dontCatchUncaughtExceptions()
                    .until(() -> app.outcomes().current() && everyOneAccepted.equals(app.outcomes().snapshot().get(topics.telemetry())));
            assertEquals(List.of(), KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()), "no dead letters");
        }
    }

    private static BrainSettings settings(String prefix, String registryUrl, Path dataDir) {
        return SettingsLoader.load(List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + registryUrl,
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--http.port=0", "--simulator=off",
                "--partitions=2", "--standby.replicas=0", "--data.dir=" + dataDir), Map.of(), List.of()).settings();
    }

    private static List<ProducerRecord<String, SpecificRecordBase>> samples(TopicNames topics) {
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int device = 0; device < SAMPLES; device++) {
            MachineTelemetry sample = Events.sample("E1-D" + device, "E1", 1, WINDOW.plusSeconds(60));
            records.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
        }
        return records;
    }

    private static void publish(List<ProducerRecord<String, SpecificRecordBase>> records) {
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(kafka.registryClient(), true), records);
    }
}
