package io.industrybrain.app;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The telemetry figures of one final, as docs/contract.md defines them; energy rounded to the milli-kWh. */
record TelemetryTotals(boolean isFinal, long activeDevices, long ncDevices, long cloudDevices, long goodUnits,
                long defectUnits, long runningSeconds, long idleSeconds, long downSeconds, long energyMilliKwh) {

    static TelemetryTotals of(List<MachineTelemetry> samples) {
        Map<String, MachineTelemetry> lastByDevice = new HashMap<>();
        samples.forEach(sample -> lastByDevice.merge(sample.getDeviceId(), sample, (a, b) -> a.getSeq() >= b.getSeq() ? a : b));
        return new TelemetryTotals(true, lastByDevice.size(),
                lastByDevice.values().stream().filter(MachineTelemetry::getNumericallyControlled).count(),
                lastByDevice.values().stream().filter(MachineTelemetry::getCloudConnected).count(),
                samples.stream().mapToLong(MachineTelemetry::getGoodUnits).sum(),
                samples.stream().mapToLong(MachineTelemetry::getDefectUnits).sum(),
                seconds(samples, MachineState.RUNNING), seconds(samples, MachineState.IDLE), seconds(samples, MachineState.DOWN),
                Math.round(samples.stream().mapToDouble(MachineTelemetry::getEnergyKwh).sum() * 1000));
    }

    static TelemetryTotals of(MetricRecord metric) {
        return new TelemetryTotals(metric.getFinal$(), metric.getActiveDevices(), metric.getNcDevices(), metric.getCloudDevices(),
                metric.getGoodUnits(), metric.getDefectUnits(), metric.getRunningSeconds(), metric.getIdleSeconds(),
                metric.getDownSeconds(), Math.round(metric.getEnergyKwh() * 1000));
    }

    private static long seconds(List<MachineTelemetry> samples, MachineState state) {
        return samples.stream().filter(sample -> sample.getState() == state).mapToLong(MachineTelemetry::getSampleSeconds).sum();
    }
}
