package io.industrybrain.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.registry.RegistryRecordCodec.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log on a single-partition compacted Kafka topic. A reader thread consumes the topic
 * from the beginning for as long as the registry runs and applies each record to the state; writers
 * produce (idempotent producer, acks=all) and then wait until the reader has applied their record's
 * offset. "Caught up" means the reader's position has reached the topic's end offset as it was when
 * asked.
 */
final class KafkaRegistryLog implements RegistryLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClientSettings clients;
    private final String topic;
    private final TopicPartition partition;
    private final RegistryState state;
    private final RegistryRecordCodec codec = new RegistryRecordCodec();
    private final Object progress = new Object();

    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile boolean running;
    /** The next offset the reader will apply; guarded by {@link #progress}. */
    private long applied;
    /** Why the reader stopped, if it failed; guarded by {@link #progress}. */
    private RuntimeException readerFailure;

    KafkaRegistryLog(KafkaClientSettings clients, String topic, RegistryState state) {
        this.clients = clients;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.state = state;
    }

    /** Prepares the topic, starts reading it from the beginning, and returns once caught up. */
    void start() {
        admin = Admin.create(clients.forAdmin(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin-" + topic)));
        RegistryTopic.ensure(admin, topic);
        producer = new KafkaProducer<>(clients.forProducer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2)),
                new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(clients.forConsumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        running = true;
        reader = new Thread(this::read, "schema-registry-reader-" + topic);
        reader.setDaemon(true);
        reader.start();
        catchUp();
        LOG.info("Schema registry state rebuilt from topic '{}' up to offset {}", topic, appliedOffset());
    }

    @Override
    public void append(RegistryEvent event) {
        Record record = codec.encode(event);
        long offset;
        try {
            offset = producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while writing to topic '" + topic + "'", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw RegistryException.storeError("cannot write to topic '" + topic + "': " + failed.getMessage(), failed);
        }
        awaitApplied(offset + 1);
    }

    @Override
    public void catchUp() {
        long end;
        try {
            end = TopicCreator.waitingOutNewTopics(() -> admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition),
                    TIMEOUT).offset();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while reading the end of topic '" + topic + "'", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw RegistryException.storeError("cannot read the end of topic '" + topic + "': " + failed.getMessage(), failed);
        }
        awaitApplied(end);
    }

    private void awaitApplied(long offset) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (progress) {
            while (applied < offset) {
                if (readerFailure != null) {
                    throw RegistryException.storeError("the reader of topic '" + topic + "' stopped", readerFailure);
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw RegistryException.storeError("timed out reading topic '" + topic + "' up to offset " + offset, null);
                }
                try {
                    progress.wait(remaining);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw RegistryException.storeError("interrupted while reading topic '" + topic + "'", interrupted);
                }
            }
        }
    }

    private long appliedOffset() {
        synchronized (progress) {
            return applied;
        }
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    decode(record).ifPresent(state::apply);
                }
                // The position, not the last record, since compaction leaves gaps in the offsets.
                long position = consumer.position(partition);
                synchronized (progress) {
                    applied = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException closing) {
            // close() interrupts the poll
        } catch (RuntimeException failed) {
            LOG.error("Schema registry reader of topic '{}' stopped", topic, failed);
            synchronized (progress) {
                readerFailure = failed;
                progress.notifyAll();
            }
        } finally {
            consumer.close();
        }
    }

    private Optional<RegistryEvent> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            Optional<RegistryEvent> event = codec.decode(record.key(), record.value());
            if (event.isEmpty()) {
                LOG.warn("Skipping record of unknown kind at offset {} of topic '{}'", record.offset(), topic);
            }
            return event;
        } catch (IllegalArgumentException unreadable) {
            LOG.warn("Skipping unreadable record at offset {} of topic '{}': {}", record.offset(), topic,
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
