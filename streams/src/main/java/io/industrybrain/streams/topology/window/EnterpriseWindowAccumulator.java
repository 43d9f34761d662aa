package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import java.util.List;

/**
 * Adds one counted event to an enterprise's window state. The work is the same for an enterprise of ten devices
 * and one of a thousand: a sample changes its device's small record and the enterprise's sums, and the NC and cloud
 * device counts follow the device's last sample (the highest seq, whatever the arrival order) incrementally.
 */
public final class EnterpriseWindowAccumulator {

    /** A fresh state for an enterprise's first event in a window. */
    public EnterpriseWindowState open(String enterpriseId, long windowStart) {
        return EnterpriseWindowState.newBuilder().setEnterpriseId(enterpriseId).setWindowStart(windowStart).build();
    }

    /**
     * Counts a sample not counted before: its device's record is {@code device} (null for the device's first
     * sample in the window). Returns the device's new record.
     */
    public DeviceWindowState telemetry(EnterpriseWindowState state, DeviceWindowState device, MachineTelemetry sample) {
        long seq = sample.getSeq();
        boolean nc = sample.getNumericallyControlled();
        boolean cloud = sample.getCloudConnected();
        DeviceWindowState next;
        if (device == null) {
            state.setActiveDevices(state.getActiveDevices() + 1);
            state.setNcDevices(state.getNcDevices() + (nc ? 1 : 0));
            state.setCloudDevices(state.getCloudDevices() + (cloud ? 1 : 0));
            next = new DeviceWindowState(seq, nc, cloud, List.of(seq, seq));
        } else if (seq > device.getLastSeq()) {
            // the device's last sample changes: its flags replace the old ones in the counts
            state.setNcDevices(state.getNcDevices() + (nc ? 1 : 0) - (device.getNumericallyControlled() ? 1 : 0));
            state.setCloudDevices(state.getCloudDevices() + (cloud ? 1 : 0) - (device.getCloudConnected() ? 1 : 0));
            next = new DeviceWindowState(seq, nc, cloud, SeqRanges.with(device.getSeqRanges(), seq));
        } else {
            next = new DeviceWindowState(device.getLastSeq(), device.getNumericallyControlled(), device.getCloudConnected(),
                    SeqRanges.with(device.getSeqRanges(), seq));
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
        return next;
    }

    /** Whether the device's record already holds this sample: a resend. */
    public static boolean isResend(DeviceWindowState device, MachineTelemetry sample) {
        return device != null && SeqRanges.contains(device.getSeqRanges(), sample.getSeq());
    }

    public void production(EnterpriseWindowState state, ProductionOutput batch) {
        state.setAddedValueCny(state.getAddedValueCny() + batch.getAddedValueCny());
        state.setOutputValueCny(state.getOutputValueCny() + batch.getOutputValueCny());
    }

    public void shift(EnterpriseWindowState state, WorkShift shift) {
        state.setWorkerHours(state.getWorkerHours() + shift.getWorkers() * shift.getHours());
    }

    public void heartbeat(EnterpriseWindowState state, ProcessHeartbeat heartbeat) {
        if (heartbeat.getDigitized()) {
            state.setDigitizedProcesses(state.getDigitizedProcesses() | (1 << heartbeat.getProcess().ordinal()));
        }
        if (heartbeat.getHosting() == Hosting.PRIVATE_CLOUD || heartbeat.getHosting() == Hosting.PUBLIC_CLOUD) {
            state.setOnCloud(true);
        }
    }

    /** What every counted event changes besides its own fields. @param ingestTime its input record's Kafka timestamp */
    public void counted(EnterpriseWindowState state, long eventTime, long ingestTime) {
        if (state.getLastEventTime() == null || eventTime > state.getLastEventTime()) {
            state.setLastEventTime(eventTime);
        }
        if (state.getLastIngestTime() == null || ingestTime > state.getLastIngestTime()) {
            state.setLastIngestTime(ingestTime);
        }
    }
}
