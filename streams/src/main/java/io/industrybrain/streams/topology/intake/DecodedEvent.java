package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** An input event decoded from its topic's contract record, with the fields every kind shares. */
public record DecodedEvent(EventKind kind, SpecificRecord value) {

    public DecodedEvent {
        Class<?> expected = switch (kind) {
            case TELEMETRY -> MachineTelemetry.class;
            case PRODUCTION -> ProductionOutput.class;
            case SHIFT -> WorkShift.class;
            case PROCESS -> ProcessHeartbeat.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(kind + " event holds a " + value.getClass().getSimpleName());
        }
    }

    public String enterpriseId() {
        return switch (kind) {
            case TELEMETRY -> telemetry().getEnterpriseId();
            case PRODUCTION -> production().getEnterpriseId();
            case SHIFT -> shift().getEnterpriseId();
            case PROCESS -> heartbeat().getEnterpriseId();
        };
    }

    public Instant eventTime() {
        return switch (kind) {
            case TELEMETRY -> telemetry().getEventTime();
            case PRODUCTION -> production().getEventTime();
            case SHIFT -> shift().getEventTime();
            case PROCESS -> heartbeat().getEventTime();
        };
    }

    public MachineTelemetry telemetry() { return (MachineTelemetry) value; }
    public ProductionOutput production() { return (ProductionOutput) value; }
    public WorkShift shift() { return (WorkShift) value; }
    public ProcessHeartbeat heartbeat() { return (ProcessHeartbeat) value; }
}
