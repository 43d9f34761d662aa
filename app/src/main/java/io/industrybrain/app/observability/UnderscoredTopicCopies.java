package io.industrybrain.app.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Drops the second copy of the per-topic consumer metrics. Kafka's consumer reports each fetch metric
 * of a topic whose name has a dot twice: under the topic's name and, deprecated, with every dot
 * replaced by an underscore ({@code brain.telemetry} and {@code brain_telemetry}). Exported both, every
 * sum over topics (total lag, records consumed) would count those topics twice.
 *
 * <p>A meter is a copy when its topic has no dot and is the underscored form of a dotted topic the
 * Kafka clients report on; a topic really named with underscores and no twin is kept. The answer is kept per
 * topic name: the binder asks again for every meter at every refresh, and reading all of Kafka Streams' metrics
 * each time took 5 % of the app's CPU in the benchmark. Kafka registers a copy together with its dotted twin, so
 * the answer given when a name is first seen stays right.
 */
final class UnderscoredTopicCopies implements MeterFilter {

    private final Supplier<Map<MetricName, ? extends Metric>> kafkaMetrics;
    private final Map<String, MeterFilterReply> byTopic = new ConcurrentHashMap<>();

    UnderscoredTopicCopies(Supplier<Map<MetricName, ? extends Metric>> kafkaMetrics) {
        this.kafkaMetrics = kafkaMetrics;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String topic = id.getTag("topic");
        if (!id.getName().startsWith("kafka.consumer.") || topic == null || topic.contains(".") || !topic.contains("_")) {
            return MeterFilterReply.NEUTRAL;
        }
        return byTopic.computeIfAbsent(topic, this::decide);
    }

    private MeterFilterReply decide(String topic) {
        boolean copy = kafkaMetrics.get().keySet().stream()
                .map(name -> name.tags().get("topic"))
                .filter(Objects::nonNull)
                .anyMatch(dotted -> dotted.contains(".") && dotted.replace('.', '_').equals(topic));
        return copy ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }
}
