package io.industrybrain.app;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.EventTopic;
import java.time.Instant;

/**
 * Passes on the events of {@code from} and later, and drops earlier ones: how a demo restarted after a crash
 * continues exactly where the last one had delivered, although the simulator can only start on a sample-interval
 * boundary. Reference data and raw bytes always pass.
 */
final class EventsFrom implements EventSink {

    private final EventSink next;
    private final Instant from;

    EventsFrom(EventSink next, Instant from) {
        this.next = next;
        this.from = from;
    }

    @Override
    public void enterprise(Enterprise enterprise) {
        next.enterprise(enterprise);
    }

    @Override
    public void telemetry(MachineTelemetry sample) {
        if (!sample.getEventTime().isBefore(from)) {
            next.telemetry(sample);
        }
    }

    @Override
    public void production(ProductionOutput batch) {
        if (!batch.getEventTime().isBefore(from)) {
            next.production(batch);
        }
    }

    @Override
    public void shift(WorkShift shift) {
        if (!shift.getEventTime().isBefore(from)) {
            next.shift(shift);
        }
    }

    @Override
    public void heartbeat(ProcessHeartbeat heartbeat) {
        if (!heartbeat.getEventTime().isBefore(from)) {
            next.heartbeat(heartbeat);
        }
    }

    @Override
    public void raw(EventTopic topic, String key, byte[] value) {
        next.raw(topic, key, value);
    }

    @Override
    public void flush() {
        next.flush();
    }
}
