package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.streams.topology.intake.DecodedEvent;
import io.industrybrain.streams.topology.internal.DeviceLastSample;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Adds one counted event to an enterprise's window state: the sums, the last sample of each device
 * (the highest seq, whatever the arrival order) and the set of digitized key processes.
 */
public final class EnterpriseWindowAccumulator {

    /** A fresh state for an enterprise's first event in a window. */
    public EnterpriseWindowState open(String enterpriseId, long windowStart) {
        return EnterpriseWindowState.newBuilder()
                .setEnterpriseId(enterpriseId)
                .setWindowStart(windowStart)
                .setAboveScale(false)
                .setEmployees(0)
                .setDevices(new HashMap<>())
                .setDigitizedProcesses(new ArrayList<>())
                .build();
    }

    /** @param ingestTime the Kafka timestamp of the input record the event was read from */
    public void add(EnterpriseWindowState state, DecodedEvent event, long ingestTime) {
        switch (event.kind()) {
            case TELEMETRY -> telemetry(state, event.telemetry());
            case PRODUCTION -> production(state, event.production());
            case SHIFT -> shift(state, event.shift());
            case PROCESS -> heartbeat(state, event.heartbeat());
        }
        long eventTime = event.eventTime().toEpochMilli();
        if (state.getLastEventTime() == null || eventTime > state.getLastEventTime()) {
            state.setLastEventTime(eventTime);
        }
        if (state.getLastIngestTime() == null || ingestTime > state.getLastIngestTime()) {
            state.setLastIngestTime(ingestTime);
        }
    }

    private static void telemetry(EnterpriseWindowState state, MachineTelemetry sample) {
        DeviceLastSample last = state.getDevices().get(sample.getDeviceId());
        if (last == null || sample.getSeq() > last.getSeq()) {
            state.getDevices().put(sample.getDeviceId(),
                    new DeviceLastSample(sample.getSeq(), sample.getNumericallyControlled(), sample.getCloudConnected()));
        }
        state.setGoodUnits(state.getGoodUnits() + sample.getGoodUnits());
        state.setDefectUnits(state.getDefectUnits() + sample.getDefectUnits());
        state.setEnergyKwh(state.getEnergyKwh() + sample.getEnergyKwh());
        switch (sample.getState()) {
            case RUNNING -> state.setRunningSeconds(state.getRunningSeconds() + sample.getSampleSeconds());
            case IDLE -> state.setIdleSeconds(state.getIdleSeconds() + sample.getSampleSeconds());
            case DOWN -> state.setDownSeconds(state.getDownSeconds() + sample.getSampleSeconds());
            // Planned (MAINTENANCE) or unknown (OFFLINE) time counts in no availability bucket.
            case MAINTENANCE, OFFLINE -> { }
        }
    }

    private static void production(EnterpriseWindowState state, ProductionOutput batch) {
        state.setAddedValueCny(state.getAddedValueCny() + batch.getAddedValueCny());
        state.setOutputValueCny(state.getOutputValueCny() + batch.getOutputValueCny());
    }

    private static void shift(EnterpriseWindowState state, WorkShift shift) {
        state.setWorkerHours(state.getWorkerHours() + shift.getWorkers() * shift.getHours());
    }

    private static void heartbeat(EnterpriseWindowState state, ProcessHeartbeat heartbeat) {
        String process = heartbeat.getProcess().name();
        if (heartbeat.getDigitized() && !state.getDigitizedProcesses().contains(process)) {
            state.getDigitizedProcesses().add(process);
        }
        if (heartbeat.getHosting() == Hosting.PRIVATE_CLOUD || heartbeat.getHosting() == Hosting.PUBLIC_CLOUD) {
            state.setOnCloud(true);
        }
    }
}
