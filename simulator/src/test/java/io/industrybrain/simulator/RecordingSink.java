package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps every record in arrival order: reference data in {@link #enterprises}, everything else in {@link #events}. */
final class RecordingSink implements EventSink {

    /** A raw record, compared by content. */
    record Raw(EventTopic topic, String key, byte[] value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Raw raw && topic == raw.topic && key.equals(raw.key)
                    && Arrays.equals(value, raw.value);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * topic.hashCode() + key.hashCode()) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Raw[" + topic + ", " + key + ", " + Arrays.toString(value) + "]";
        }
    }

    final List<Enterprise> enterprises = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    int flushes;

    @Override public void enterprise(Enterprise enterprise) { enterprises.add(enterprise); }
    @Override public void telemetry(MachineTelemetry sample) { events.add(sample); }
    @Override public void production(ProductionOutput batch) { events.add(batch); }
    @Override public void shift(WorkShift shift) { events.add(shift); }
    @Override public void heartbeat(ProcessHeartbeat heartbeat) { events.add(heartbeat); }
    @Override public void raw(EventTopic topic, String key, byte[] value) { events.add(new Raw(topic, key, value)); }
    @Override public void flush() { flushes++; }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
