package io.industrybrain.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A metrics reporter that keeps the settings each Kafka client was made with. Every client configures its reporters
 * with its own settings and its client id, so naming this class in {@code kafka.metric.reporters} shows, by client,
 * what reached it: the test's view into clients the product makes and keeps to itself.
 */
public final class ClientConfigRecorder implements MetricsReporter {

    /** By client id, the settings that client was made with. */
    static final Map<String, Map<String, ?>> BY_CLIENT_ID = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
        // Kafka Streams hands its clients some settings whose value is null, which Map.copyOf refuses.
        BY_CLIENT_ID.put(String.valueOf(configs.get("client.id")), new HashMap<>(configs));
    }

    @Override
    public void init(List<KafkaMetric> metrics) { }

    @Override
    public void metricChange(KafkaMetric metric) { }

    @Override
    public void metricRemoval(KafkaMetric metric) { }

    @Override
    public void close() { }
}
