package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StateStoreTagsTest {

    /** Without the filter the registry refuses the second meter: same name, other tag keys. */
    @Test
    void aRocksDbAndAnInMemoryStoreMetricAreOneSeriesNameWithTheKindAsATag() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StateStoreTags());
        Gauge.builder("kafka.stream.state.put.latency.max", () -> 2.0).tag("rocksdb.state.id", "device-windows").tag("task.id", "2_0")
                .register(registry);
        Gauge.builder("kafka.stream.state.put.latency.max", () -> 3.0).tag("in.memory.state.id", "enterprises").tag("task.id", "2_0")
                .register(registry);
        Gauge.builder("kafka.stream.thread.poll.rate", () -> 1.0).tag("rocksdb.state.id", "unchanged").register(registry);

        PrometheusText text = new PrometheusText(registry.scrape());
        assertEquals(2.0, text.require("kafka_stream_state_put_latency_max", "state_id", "device-windows", "store_type", "rocksdb",
                "task_id", "2_0"));
        assertEquals(3.0, text.require("kafka_stream_state_put_latency_max", "state_id", "enterprises", "store_type", "in.memory",
                "task_id", "2_0"));
        // only the state-store metrics are touched
        assertEquals(1.0, text.require("kafka_stream_thread_poll_rate", "rocksdb_state_id", "unchanged"));
    }
}
