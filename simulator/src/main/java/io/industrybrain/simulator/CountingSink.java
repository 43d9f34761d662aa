package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

/** A sink that only counts what it is given, by record type: for benchmarks and smoke runs. */
public final class CountingSink implements EventSink {

    private long enterprises;
    private long telemetry;
    private long production;
    private long shifts;
    private long heartbeats;
    private long raw;

    @Override public void enterprise(Enterprise enterprise) { enterprises++; }
    @Override public void telemetry(MachineTelemetry sample) { telemetry++; }
    @Override public void production(ProductionOutput batch) { production++; }
    @Override public void shift(WorkShift shift) { shifts++; }
    @Override public void heartbeat(ProcessHeartbeat heartbeat) { heartbeats++; }
    @Override public void raw(EventTopic topic, String key, byte[] value) { raw++; }

    public long enterprises() { return enterprises; }
    public long telemetry() { return telemetry; }
    public long production() { return production; }
    public long shifts() { return shifts; }
    public long heartbeats() { return heartbeats; }
    public long raw() { return raw; }

    /** Every record except reference data. */
    public long events() {
        return telemetry + production + shifts + heartbeats + raw;
    }
}
