package io.industrybrain.simulator;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

/** Reads the fields every event type has, whatever its type. */
final class Records {

    private Records() { }

    /** Event time in epoch millis; raw bytes have none. */
    static long eventTime(Object record) {
        if (record instanceof MachineTelemetry t) {
            return t.getEventTime().toEpochMilli();
        }
        if (record instanceof ProductionOutput b) {
            return b.getEventTime().toEpochMilli();
        }
        if (record instanceof WorkShift w) {
            return w.getEventTime().toEpochMilli();
        }
        if (record instanceof ProcessHeartbeat h) {
            return h.getEventTime().toEpochMilli();
        }
        throw new IllegalArgumentException("no event time: " + record);
    }
}
