package io.industrybrain.bench;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ingest-to-update latency as a dashboard sees it: a read_committed consumer of {@code brain.metrics}, and for
 * every ENTERPRISE and PROVINCE update, the wall clock when it became readable minus its {@code lastIngestTime}
 * (the Kafka timestamp of the newest input it counts). Updates whose inputs arrived before {@code from} (the
 * warm-up) are not counted.
 */
final class LatencyProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<MetricRecord> metrics;
    private final String topic;
    private final long from;
    private final Map<Scope, List<Long>> latencies = new EnumMap<>(Scope.class);
    private final Thread thread;
    private volatile boolean running = true;

    LatencyProbe(String bootstrap, SchemaRegistryClient registry, String topic, long from) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        this.metrics = new AvroDeserializer<>(registry, MetricRecord.class);
        this.topic = topic;
        this.from = from;
        latencies.put(Scope.ENTERPRISE, new ArrayList<>());
        latencies.put(Scope.PROVINCE, new ArrayList<>());
        this.thread = new Thread(this::run, "bench-latency-probe");
        thread.start();
    }

    private void run() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                MetricRecord metric = metrics.deserialize(topic, record.value());
                List<Long> scope = latencies.get(metric.getScope());
                if (scope != null && metric.getLastIngestTime() != null && metric.getLastIngestTime().toEpochMilli() >= from) {
                    synchronized (this) {
                        scope.add(now - metric.getLastIngestTime().toEpochMilli());
                    }
                }
            }
        }
        consumer.close();
    }

    /** scope -> {count, p50_ms, p99_ms, max_ms}. */
    synchronized Map<String, Map<String, Long>> summary() {
        Map<String, Map<String, Long>> summary = new LinkedHashMap<>();
        latencies.forEach((scope, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            Map<String, Long> row = new LinkedHashMap<>();
            row.put("updates", (long) sorted.size());
            row.put("p50_ms", percentile(sorted, 0.50));
            row.put("p99_ms", percentile(sorted, 0.99));
            row.put("max_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
            summary.put(scope.name(), row);
        });
        return summary;
    }

    private static Long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
