package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

/**
 * Where the simulator's records go, one method per record type. The key of each record is
 * implied by the contract: deviceId for telemetry, enterpriseId for everything else.
 * Implementations are called from one thread.
 */
public interface EventSink {

    /** Reference data: sent for every enterprise before its first event, and again when it changes. */
    void enterprise(Enterprise enterprise);

    void telemetry(MachineTelemetry sample);

    void production(ProductionOutput batch);

    void shift(WorkShift shift);

    void heartbeat(ProcessHeartbeat heartbeat);

    /** Bytes that are not the wire format (a malformed-record fault), sent as they are. */
    void raw(EventTopic topic, String key, byte[] value);

    /** Pushes out anything buffered; called when the simulator drains or stops. */
    default void flush() { }
}
