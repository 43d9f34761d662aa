package io.industrybrain.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records to and reads them from any Kafka cluster, for tests. {@link EmbeddedKafkaExtension}
 * offers the same on its shared broker; these are for tests that run a broker of their own.
 */
public final class KafkaRecords {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaRecords() { }

    /**
     * Sends the records in order with an idempotent producer and waits until the broker has
     * acknowledged every one.
     *
     * @return where each record landed, in the order given
     */
    public static <K, V> List<RecordMetadata> produce(String bootstrapServers, Serializer<K> keySerializer,
                                                      Serializer<V> valueSerializer, List<ProducerRecord<K, V>> records) {
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keySerializer, valueSerializer)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                sent.add(producer.send(record));
            }
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> ack : sent) {
                acknowledged.add(ack.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return acknowledged;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not produce " + records.size() + " records to " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        }
    }

    /**
     * Reads {@code topic} from its beginning, without a consumer group and with isolation level
     * read_committed (records of aborted transactions never show), until at least {@code count}
     * records have arrived.
     *
     * @return every record read, in offset order within each partition; more than {@code count} if
     *         more were there
     * @throws org.awaitility.core.ConditionTimeoutException when fewer arrived within {@code timeout}
     */
    public static <K, V> List<ConsumerRecord<K, V>> consume(String bootstrapServers, String topic, int count,
                                                            Deserializer<K> keyDeserializer,
                                                            Deserializer<V> valueDeserializer, Duration timeout) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readCommitted(bootstrapServers), keyDeserializer, valueDeserializer)) {
            // A consumer may only be used by the thread that made it, hence pollInSameThread.
            List<TopicPartition> partitions = await().alias("partitions of " + topic + " known")
                    .atMost(timeout).pollInSameThread()
                    .until(() -> consumer.partitionsFor(topic).stream()
                                    .map(info -> new TopicPartition(topic, info.partition())).toList(),
                            found -> !found.isEmpty());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> received = new ArrayList<>();
            await().alias(count + " records on " + topic)
                    .atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(POLL).forEach(received::add);
                        return received.size() >= count;
                    });
            return received;
        }
    }

    /**
     * Reads {@code topic} from its beginning to the end it has when called, committed records only, as
     * {@link #consume} does.
     *
     * @return every record read, in offset order within each partition
     */
    public static <K, V> List<ConsumerRecord<K, V>> consumeAll(String bootstrapServers, String topic,
                                                               Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readCommitted(bootstrapServers), keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> received = new ArrayList<>();
            await().alias("every record of " + topic).atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(POLL).forEach(received::add);
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
            return received;
        }
    }

    private static Map<String, Object> readCommitted(String bootstrapServers) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
