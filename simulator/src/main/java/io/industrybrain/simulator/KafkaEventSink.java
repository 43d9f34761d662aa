package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.topics.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the simulator's records to Kafka through one producer of raw bytes. Values are encoded
 * by the serializer the caller passes (the project's Avro serializer in the Confluent wire
 * format, which registers under {@code <topic>-value}); raw records go out as they are. Keys
 * are the contract's: deviceId for telemetry, enterpriseId for everything else.
 *
 * <p>The record timestamp is left to the producer (the send time): event time is in the value,
 * and an injected future event time must not make the broker refuse the record.
 *
 * <p>The producer and the serializer belong to the caller, who closes them.
 */
public final class KafkaEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

    private final Producer<String, byte[]> producer;
    private final Serializer<? super SpecificRecord> serializer;
    private final TopicNames topics;
    private final AtomicLong failures = new AtomicLong();
    private final Callback onCompletion;

    public KafkaEventSink(Producer<String, byte[]> producer, Serializer<? super SpecificRecord> serializer,
                          TopicNames topics) {
        this.producer = producer;
        this.serializer = serializer;
        this.topics = topics;
        this.onCompletion = (metadata, exception) -> {
            // One line for the first failure; the count tells how many followed.
            if (exception != null && failures.incrementAndGet() == 1) {
                LOG.warn("Simulator could not send to {}: {}", metadata == null ? "?" : metadata.topic(),
                        exception.toString());
            }
        };
    }

    /**
     * Producer settings for a high-rate simulator: batches of up to 256 KiB that wait up to
     * 20 ms to fill, lz4-compressed; idempotent, so the producer's own retries add no
     * duplicates beside the counted ones. Without the cluster's address and security, which the caller adds.
     */
    public static Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "brain-simulator",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    /** {@link #producerSettings()} for a cluster that needs nothing but its address. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(producerSettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Records the producer reported as not sent. */
    public long sendFailures() {
        return failures.get();
    }

    @Override
    public void enterprise(Enterprise enterprise) {
        send(topics.enterprises(), enterprise.getEnterpriseId(), enterprise);
    }

    @Override
    public void telemetry(MachineTelemetry sample) {
        send(topics.telemetry(), sample.getDeviceId(), sample);
    }

    @Override
    public void production(ProductionOutput batch) {
        send(topics.production(), batch.getEnterpriseId(), batch);
    }

    @Override
    public void shift(WorkShift shift) {
        send(topics.shifts(), shift.getEnterpriseId(), shift);
    }

    @Override
    public void heartbeat(ProcessHeartbeat heartbeat) {
        send(topics.processes(), heartbeat.getEnterpriseId(), heartbeat);
    }

    @Override
    public void raw(EventTopic topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic.topicName(topics), key, value), onCompletion);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    private void send(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value)), onCompletion);
    }
}
