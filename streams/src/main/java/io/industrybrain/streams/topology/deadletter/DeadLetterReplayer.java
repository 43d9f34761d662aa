package io.industrybrain.streams.topology.deadletter;

import io.industrybrain.topics.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-publishes the dead letters of one reason to the input topic they came from (the
 * {@link DeadLetterHeaders#TOPIC} header), key and value bytes unchanged, the record's own headers kept
 * and the dead-letter headers dropped. Typical use: UNKNOWN_ENTERPRISE letters once the missing reference
 * data has been published. A letter that fails again becomes a new dead letter, to be replayed by a later run.
 *
 * <p>Each dead letter is replayed once across runs: the consumer group of the reason ({@link #groupId})
 * commits its position in the same transaction as the replayed records ({@link #transactionalId}), so a
 * run that dies replays nothing twice and the next run starts where the last committed one stopped.
 * Letters of other reasons are passed over; they keep their place for a run with their own reason, whose
 * group has its own position. A run moves what the DLQ held when it started and returns.
 *
 * <p>Only the four event topics are replay targets: a letter naming any other topic is logged and left.
 */
public final class DeadLetterReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String deadLetters;
    private final Set<String> eventTopics;

    /**
     * @param consumer configured with {@link #consumerProperties} of the reason to replay
     * @param producer configured with {@link #producerProperties} of that reason, not yet initialized
     */
    public DeadLetterReplayer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, TopicNames topics) {
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetters = topics.deadLetters();
        this.eventTopics = Set.copyOf(topics.eventTopics());
    }

    /** The consumer group whose committed offsets are the replay's progress for a reason. */
    public static String groupId(DeadLetterReason reason) {
        return "brain-dlq-replay-" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The producer's transactional id: a second concurrent run for the same reason fences the first. */
    public static String transactionalId(DeadLetterReason reason) {
        return groupId(reason);
    }

    /** Consumer settings besides {@code bootstrap.servers}. */
    public static Map<String, Object> consumerProperties(DeadLetterReason reason) {
        return Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId(reason),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    /** Producer settings besides {@code bootstrap.servers}. */
    public static Map<String, Object> producerProperties(DeadLetterReason reason) {
        return Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(reason),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    /**
     * Replays every dead letter of the reason between the group's committed position and the end of the
     * DLQ as it was when called.
     *
     * @return how many letters were re-published
     */
    public long replay(DeadLetterReason reason) {
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetters).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        // Under read_committed these are the last stable offsets: nothing of an open transaction is waited for.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        producer.initTransactions();
        long moved = 0;
        while (!reached(end)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                moved += replayBatch(records, end, reason);
            }
        }
        LOG.info("Replayed {} dead letters of reason {} from {}", moved, reason, deadLetters);
        return moved;
    }

    private long replayBatch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> end, DeadLetterReason reason) {
        long moved = 0;
        Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
        producer.beginTransaction();
        try {
            for (ConsumerRecord<byte[], byte[]> letter : records) {
                TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
                if (letter.offset() >= end.get(partition)) {
                    continue;
                }
                Optional<String> target = targetOf(letter, reason);
                if (target.isPresent()) {
                    producer.send(new ProducerRecord<>(target.get(), null, null, letter.key(), letter.value(), originalHeaders(letter)));
                    moved++;
                }
                progress.put(partition, new OffsetAndMetadata(letter.offset() + 1));
            }
            producer.sendOffsetsToTransaction(progress, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
        return moved;
    }

    /** The input topic to replay a letter to, or empty when it is not one to replay in this run. */
    private Optional<String> targetOf(ConsumerRecord<byte[], byte[]> letter, DeadLetterReason reason) {
        if (!DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.REASON).equals(Optional.of(reason.name()))) {
            return Optional.empty();
        }
        Optional<String> source = DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.TOPIC);
        if (source.isEmpty() || !eventTopics.contains(source.get())) {
            LOG.warn("Dead letter {}-{}@{} names source topic {}, not an event topic: left in place",
                    letter.topic(), letter.partition(), letter.offset(), source.orElse("(none)"));
            return Optional.empty();
        }
        return source;
    }

    private static RecordHeaders originalHeaders(ConsumerRecord<byte[], byte[]> letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        return headers;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
