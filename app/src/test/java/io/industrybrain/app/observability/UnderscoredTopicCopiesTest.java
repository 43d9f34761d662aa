package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class UnderscoredTopicCopiesTest {

    private static MetricName lag(String topic) {
        return new MetricName("records-lag", "consumer-fetch-manager-metrics", "", Map.of("topic", topic, "partition", "0"));
    }

    /** What the consumer reports: brain.telemetry twice (with its underscored copy), my_topic once. */
    private final Map<MetricName, Metric> reported = Map.of(
            lag("brain.telemetry"), new FixedMetric(lag("brain.telemetry")),
            lag("brain_telemetry"), new FixedMetric(lag("brain_telemetry")),
            lag("my_topic"), new FixedMetric(lag("my_topic")));
    private final UnderscoredTopicCopies filter = new UnderscoredTopicCopies(() -> reported);

    private static Meter.Id meter(String name, String topic) {
        return new Meter.Id(name, Tags.of("topic", topic, "partition", "0"), null, null, Meter.Type.GAUGE);
    }

    @Test
    void theUnderscoredCopyOfADottedTopicIsDropped() {
        assertEquals(MeterFilterReply.DENY, filter.accept(meter("kafka.consumer.fetch.manager.records.lag", "brain_telemetry")));
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(meter("kafka.consumer.fetch.manager.records.lag", "brain.telemetry")));
    }

    @Test
    void aTopicNamedWithUnderscoresAndOtherMetersAreKept() {
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(meter("kafka.consumer.fetch.manager.records.lag", "my_topic")));
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(meter("brain.dead.letters", "brain_telemetry")));
    }

    @Test
    void kafkasMetricsAreReadOncePerTopicNameNotOncePerMeter() {
        AtomicInteger reads = new AtomicInteger();
        UnderscoredTopicCopies counting = new UnderscoredTopicCopies(() -> {
            reads.incrementAndGet();
            return reported;
        });
        for (int refresh = 0; refresh < 3; refresh++) {
            assertEquals(MeterFilterReply.DENY, counting.accept(meter("kafka.consumer.fetch.manager.records.lag", "brain_telemetry")));
            assertEquals(MeterFilterReply.DENY, counting.accept(meter("kafka.consumer.fetch.manager.bytes.consumed.rate", "brain_telemetry")));
            assertEquals(MeterFilterReply.NEUTRAL, counting.accept(meter("kafka.consumer.fetch.manager.records.lag", "my_topic")));
        }
        assertEquals(2, reads.get());
    }

    private record FixedMetric(MetricName metricName) implements Metric {
        @Override
        public Object metricValue() {
            return 0.0;
        }
    }
}
