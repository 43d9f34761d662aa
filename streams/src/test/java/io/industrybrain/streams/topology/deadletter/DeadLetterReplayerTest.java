package io.industrybrain.streams.topology.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterReplayerTest {

    private static final TopicNames TOPICS = new TopicNames("");
    private static final TopicPartition DLQ = new TopicPartition(TOPICS.deadLetters(), 0);
    private static final String GROUP = "brain-dlq-replay-unknown-enterprise";

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void replaysTheLettersOfTheReasonToTheirSourceTopicUnchangedAndCommitsItsPositionWithThem() {
        // Given a DLQ holding two UNKNOWN_ENTERPRISE letters, a LATE one, and one naming a topic that takes no events
        MockConsumer<byte[], byte[]> consumer = dlqConsumer(0, List.of(
                letter(0, "D1", "telemetry-bytes", DeadLetterReason.UNKNOWN_ENTERPRISE, TOPICS.telemetry()),
                letter(1, "E1", "batch-bytes", DeadLetterReason.LATE, TOPICS.production()),
                letter(2, "E9", "shift-bytes", DeadLetterReason.UNKNOWN_ENTERPRISE, TOPICS.shifts()),
                letter(3, "X", "metric-bytes", DeadLetterReason.UNKNOWN_ENTERPRISE, TOPICS.metrics())));
        // When the UNKNOWN_ENTERPRISE letters are replayed
        long moved = new DeadLetterReplayer(consumer, producer, TOPICS).replay(DeadLetterReason.UNKNOWN_ENTERPRISE);
        // Then the two event letters are back on their topics, bytes unchanged, own headers only
        assertEquals(2, moved);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertEquals(2, sent.size());
        assertEquals(TOPICS.telemetry(), sent.get(0).topic());
        assertArrayEquals(utf8("D1"), sent.get(0).key());
        assertArrayEquals(utf8("telemetry-bytes"), sent.get(0).value());
        assertEquals(1, sent.get(0).headers().toArray().length);
        assertArrayEquals(utf8("00-trace-01"), sent.get(0).headers().lastHeader("traceparent").value());
        assertEquals(TOPICS.shifts(), sent.get(1).topic());
        assertArrayEquals(utf8("shift-bytes"), sent.get(1).value());
        // and the consumer's group position past all four letters is committed in the same transaction
        assertTrue(producer.transactionCommitted());
        List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> offsets = producer.consumerGroupOffsetsHistory();
        assertEquals(Map.of(DLQ, new OffsetAndMetadata(4)), offsets.get(offsets.size() - 1).get(consumer.groupMetadata().groupId()));
    }

    @Test
    void aSecondRunStartsFromTheCommittedPositionAndReplaysNothingTwice() {
        // Given the group has committed position 1 after an earlier run replayed letter 0
        MockConsumer<byte[], byte[]> consumer = dlqConsumer(1, List.of(
                letter(1, "D2", "second", DeadLetterReason.UNKNOWN_ENTERPRISE, TOPICS.telemetry())));
        // When the replay runs again
        long moved = new DeadLetterReplayer(consumer, producer, TOPICS).replay(DeadLetterReason.UNKNOWN_ENTERPRISE);
        // Then only the letter after the position moves
        assertEquals(1, moved);
        assertArrayEquals(utf8("second"), producer.history().get(0).value());
        // and a run with nothing new moves nothing
        MockProducer<byte[], byte[]> again = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        assertEquals(0, new DeadLetterReplayer(dlqConsumer(2, List.of()), again, TOPICS).replay(DeadLetterReason.UNKNOWN_ENTERPRISE));
        assertTrue(again.history().isEmpty());
    }

    @Test
    void eachReasonHasItsOwnGroupAndTransactionalId() {
        assertEquals(GROUP, DeadLetterReplayer.groupId(DeadLetterReason.UNKNOWN_ENTERPRISE));
        assertEquals("brain-dlq-replay-late", DeadLetterReplayer.transactionalId(DeadLetterReason.LATE));
        assertEquals("brain-dlq-replay-late", DeadLetterReplayer.consumerProperties(DeadLetterReason.LATE).get("group.id"));
        assertEquals("read_committed", DeadLetterReplayer.consumerProperties(DeadLetterReason.LATE).get("isolation.level"));
        assertEquals(Optional.of("brain-dlq-replay-invalid"),
                Optional.ofNullable(DeadLetterReplayer.producerProperties(DeadLetterReason.INVALID).get("transactional.id")));
    }

    /** A DLQ with one partition whose group has committed {@code committed}, holding the letters from there on. */
    private static MockConsumer<byte[], byte[]> dlqConsumer(long committed, List<ConsumerRecord<byte[], byte[]>> letters) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPICS.deadLetters(), List.of(new PartitionInfo(TOPICS.deadLetters(), 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(DLQ, 0L));
        consumer.updateEndOffsets(Map.of(DLQ, committed + letters.size()));
        consumer.schedulePollTask(() -> {
            consumer.commitSync(Map.of(DLQ, new OffsetAndMetadata(committed)));
            consumer.seek(DLQ, committed);
            letters.forEach(consumer::addRecord);
        });
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> letter(long offset, String key, String value, DeadLetterReason reason, String source) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8("00-trace-01"));
        headers.add("brain.dlq.reason", utf8(reason.name()));
        headers.add("brain.dlq.topic", utf8(source));
        headers.add("brain.dlq.partition", utf8("0"));
        headers.add("brain.dlq.offset", utf8(Long.toString(offset * 10)));
        headers.add("brain.dlq.error", utf8("no reference record"));
        return new ConsumerRecord<>(DLQ.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                utf8(key), utf8(value), headers, Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
