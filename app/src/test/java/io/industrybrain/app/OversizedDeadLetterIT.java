package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input record that fits its topic but whose dead letter does not fit {@code brain.dlq}: its letter is written
 * without the record (reason, source and an error saying so), the ledger balances, the app goes on, and a letter that
 * fits is written whole as ever.
 */
class OversizedDeadLetterIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    /** The dead-letter topic's limit: a 100-byte record's letter fits, a 5,000-byte one's does not. */
    private static final int DEAD_LETTER_LIMIT = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void aDeadLetterTooLargeForItsTopicIsWrittenWithoutTheRecordAndTheAppGoesOn() throws Exception {
        String prefix = kafka.uniqueName("oversized") + ".";
        TopicNames topics = new TopicNames(prefix);
        kafka.admin().createTopics(List.of(new NewTopic(topics.deadLetters(), 1, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTER_LIMIT))))).all().get();
        try (BrainApp app = BrainApp.start(settings(prefix, dataDir), Map.of())) {
            awaitHealthy(app);
            byte[] large = notWireFormat(5_000);
            byte[] small = notWireFormat(100);
            KafkaRecords.produce(kafka.bootstrapServers(), new ByteArraySerializer(), new ByteArraySerializer(), List.of(
                    new ProducerRecord<>(topics.telemetry(), 0, "D1".getBytes(), large),
                    new ProducerRecord<>(topics.telemetry(), 0, "D2".getBytes(), small)));

            TopicOutcomes bothDeadLettered = new TopicOutcomes(2, 0, 0, Map.of(DeadLetterReason.DESERIALIZATION, 2L), Map.of(), 0);
            await().alias("the ledger says " + bothDeadLettered).atMost(TIMEOUT).dontCatchUncaughtExceptions()
                    .until(() -> app.outcomes().current() && bothDeadLettered.equals(app.outcomes().snapshot().get(topics.telemetry())));
            List<ConsumerRecord<byte[], byte[]>> letters = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            assertEquals(2, letters.size());
            ConsumerRecord<byte[], byte[]> withoutTheRecord = letters.get(0);
            assertEquals(List.of("DESERIALIZATION", topics.telemetry(), "0", "0"), List.of(header(withoutTheRecord, DeadLetterHeaders.REASON),
                    header(withoutTheRecord, DeadLetterHeaders.TOPIC), header(withoutTheRecord, DeadLetterHeaders.PARTITION),
                    header(withoutTheRecord, DeadLetterHeaders.OFFSET)));
            assertEquals(null, withoutTheRecord.value());
            // its 5,000 bytes of value, 2 of key and some 200 of headers
            String error = header(withoutTheRecord, DeadLetterHeaders.ERROR);
            assertTrue(error.matches("NOT_WIRE_FORMAT: .* \\[the record's 5[0-9]{3} bytes left out: more than the dead-letter topic takes \\(2000 bytes\\)]"),
                    error);
            assertEquals("D2", new String(letters.get(1).key()));
            assertArrayEquals(small, letters.get(1).value(), "the letter that fits is whole");
            assertEquals("RUNNING", app.streams().state().name());
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
        return DeadLetterHeaders.read(letter.headers(), name).orElseThrow();
    }

    /** {@code length} bytes without the wire format's magic byte: DESERIALIZATION, whatever the registry says. */
    private static byte[] notWireFormat(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static BrainSettings settings(String prefix, Path dataDir) {
        return SettingsLoader.load(List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--http.port=0", "--simulator=off",
                "--partitions=2", "--standby.replicas=0", "--data.dir=" + dataDir), Map.of(), List.of()).settings();
    }
}
