package io.industrybrain.app.query;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.topics.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link MetricsView} from {@code brain.metrics}, {@code brain.metrics.final} and
 * {@code brain.targets}, an {@link EnterpriseDirectory} from {@code brain.enterprises}, and {@link ClusterOutcomes}
 * from {@code brain.outcomes}, on its own thread with its own consumer.
 *
 * <p>The consumer has no group (it assigns every partition itself and commits nothing: each start
 * reads again what the view needs) and reads committed records only, so an aborted transaction of the
 * topology never shows. Where it starts: finals from {@code MetricsView.ROLL_UP_WINDOWS} windows ago
 * (the history the view keeps); updates from one window and grace ago (an update older than that
 * belongs to a window that has closed since, whose final supersedes it); targets and enterprises from the
 * beginning (compacted); the outcome ledger from the beginning, in order, and it counts once read to the end found at start.
 * Partitions added while running are not picked up before the next start.
 */
public final class OutputTopicsFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTopicsFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final MetricsView view;
    private final Consumer<MetricRecord> listener;
    private final AvroDeserializer<MetricRecord> metrics;
    private final AvroDeserializer<MetricTarget> targets;
    private final EnterpriseDirectory directory;
    private final AvroDeserializer<Enterprise> enterprises;
    private final ClusterOutcomes outcomes;
    private final AvroDeserializer<OutcomeTally> ledgerRows;
    private final TopicPartition ledger;
    /** Where the ledger ended when reading it began; null once read that far. */
    private Long ledgerEnd;
    private final Map<String, Instant> startFrom;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts reading.
     *
     * @param listener told of every metric record read, after the view has it (the latency histograms)
     */
    public static OutputTopicsFeed start(KafkaClientSettings clients, SchemaRegistryClient registry, TopicNames topics,
                                        Duration window, Duration grace, MetricsView view, EnterpriseDirectory directory,
                                        ClusterOutcomes outcomes, Consumer<MetricRecord> listener, Clock clock) {
        Instant now = clock.instant();
        Map<String, Instant> startFrom = Map.of(
                topics.metricsFinal(), now.minus(window.multipliedBy(MetricsView.ROLL_UP_WINDOWS)),
                topics.metrics(), now.minus(window).minus(grace),
                topics.targets(), Instant.EPOCH,
                topics.enterprises(), Instant.EPOCH,
                topics.outcomes(), Instant.EPOCH);
        OutputTopicsFeed feed = new OutputTopicsFeed(clients, registry, topics, view, directory, outcomes, listener,
                startFrom);
        feed.thread.start();
        return feed;
    }

    private OutputTopicsFeed(KafkaClientSettings clients, SchemaRegistryClient registry, TopicNames topics, MetricsView view,
                             EnterpriseDirectory directory, ClusterOutcomes outcomes, Consumer<MetricRecord> listener,
                             Map<String, Instant> startFrom) {
        this.consumer = new KafkaConsumer<>(clients.forConsumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "industry-brain-metrics-view",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.view = view;
        this.listener = listener;
        this.metrics = new AvroDeserializer<>(registry, MetricRecord.class);
        this.targets = new AvroDeserializer<>(registry, MetricTarget.class);
        this.directory = directory;
        this.enterprises = new AvroDeserializer<>(registry, Enterprise.class);
        this.outcomes = outcomes;
        this.ledgerRows = new AvroDeserializer<>(registry, OutcomeTally.class);
        // one partition: its order is what keeps the ledger's in flight from going negative
        this.ledger = new TopicPartition(topics.outcomes(), 0);
        this.startFrom = startFrom;
        this.thread = new Thread(this::run, "brain-metrics-view");
        thread.setDaemon(true);
    }

    private void run() {
        boolean assigned = false;
        try {
            while (!closed) {
                try {
                    if (!assigned) {
                        assignAndSeek();
                        assigned = true;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        read(record);
                    }
                    if (ledgerEnd != null && consumer.position(ledger) >= ledgerEnd) {
                        ledgerEnd = null;
                        outcomes.caughtUp();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // A slow start or a broker away for a while: the view must come back, not stay stale for good.
                    LOG.warn("the metrics view cannot read now, retrying in {} s: {}", RETRY.toSeconds(), e.toString());
                    LockSupport.parkNanos(RETRY.toNanos());
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up: nothing more to read.
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void assignAndSeek() {
        List<TopicPartition> partitions = new ArrayList<>();
        startFrom.keySet().forEach(topic -> consumer.partitionsFor(topic)
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        consumer.assign(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, startFrom.get(p.topic()).toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        List<TopicPartition> nothingThatRecent = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                nothingThatRecent.add(partition);
            } else {
                consumer.seek(partition, offset.offset());
            }
        });
        consumer.seekToEnd(nothingThatRecent);
        outcomes.readingFromTheStart();
        ledgerEnd = consumer.endOffsets(List.of(ledger)).get(ledger);
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.outcomes())) {
                outcomes.apply(record.key(), record.value() == null ? null : ledgerRows.deserialize(record.topic(), record.value()));
            } else if (record.topic().equals(topics.enterprises())) {
                directory.apply(record.key(), record.value() == null ? null : enterprises.deserialize(record.topic(), record.value()));
            } else if (record.topic().equals(topics.targets())) {
                view.target(record.key(), record.value() == null ? null : targets.deserialize(record.topic(), record.value()));
            } else if (record.value() != null) {
                MetricRecord metric = metrics.deserialize(record.topic(), record.value());
                view.add(metric);
                listener.accept(metric);
            }
        } catch (RuntimeException e) {
            // Targets and reference data are written by people and tools: one bad record must not stop the view.
            LOG.warn("the metrics view skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
