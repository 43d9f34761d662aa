package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent, deliberately plain computation of the province's above-scale indicators per
 * tumbling window, straight from docs/contract.md, over the records a simulator sends. It keeps only
 * sums per (window, enterprise), so hours of a fleet fit in memory. Assumes a clean stream
 * (no faults): every record counts.
 */
final class ProvinceWindows implements EventSink {

    /** What one enterprise did in one window. */
    private static final class Activity {
        double addedValue;
        int digitizedProcesses;
        boolean onCloud;
    }

    private final long windowMillis;
    private final Map<String, Enterprise> current = new HashMap<>();
    private final TreeMap<Long, Map<String, Activity>> windows = new TreeMap<>();

    ProvinceWindows(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /** The indicators of one window. */
    record Indicators(int enterprises, int aboveScale, double annualizedProductivityAboveScale,
                      double fullyDigitizedRate, double cloudAdoptionRate) { }

    Indicators window(Instant start) {
        Map<String, Activity> byEnterprise = windows.getOrDefault(start.toEpochMilli(), Map.of());
        double addedValue = 0;
        double employees = 0;
        int aboveScale = 0;
        int fullyDigitizedAboveScale = 0;
        int onCloud = 0;
        for (Map.Entry<String, Activity> entry : byEnterprise.entrySet()) {
            Enterprise enterprise = current.get(entry.getKey());
            Activity activity = entry.getValue();
            onCloud += activity.onCloud ? 1 : 0;
            if (enterprise.getAboveScale()) {
                aboveScale++;
                addedValue += activity.addedValue;
                employees += enterprise.getEmployees();
                fullyDigitizedAboveScale += Integer.bitCount(activity.digitizedProcesses) == 8 ? 1 : 0;
            }
        }
        double windowsPerYear = Duration.ofDays(365).toMillis() / (double) windowMillis;
        return new Indicators(byEnterprise.size(), aboveScale,
                addedValue / employees * windowsPerYear / 10_000,
                fullyDigitizedAboveScale / (double) aboveScale,
                onCloud / (double) byEnterprise.size());
    }

    /** Enterprises whose current reference data says they are above scale. */
    long aboveScaleEnterprises() {
        return current.values().stream().filter(Enterprise::getAboveScale).count();
    }

    @Override
    public void enterprise(Enterprise enterprise) {
        current.put(enterprise.getEnterpriseId(), enterprise);
    }

    @Override
    public void telemetry(MachineTelemetry sample) {
        activity(sample.getEnterpriseId(), sample.getEventTime());
    }

    @Override
    public void production(ProductionOutput batch) {
        activity(batch.getEnterpriseId(), batch.getEventTime()).addedValue += batch.getAddedValueCny();
    }

    @Override
    public void shift(WorkShift shift) {
        activity(shift.getEnterpriseId(), shift.getEventTime());
    }

    @Override
    public void heartbeat(ProcessHeartbeat heartbeat) {
        Activity activity = activity(heartbeat.getEnterpriseId(), heartbeat.getEventTime());
        if (heartbeat.getDigitized()) {
            activity.digitizedProcesses |= 1 << heartbeat.getProcess().ordinal();
        }
        if (heartbeat.getHosting() != Hosting.ON_PREMISES) {
            activity.onCloud = true;
        }
    }

    @Override
    public void raw(EventTopic topic, String key, byte[] value) {
        throw new AssertionError("a clean run sends no raw bytes");
    }

    private Activity activity(String enterpriseId, Instant eventTime) {
        long windowStart = Math.floorDiv(eventTime.toEpochMilli(), windowMillis) * windowMillis;
        return windows.computeIfAbsent(windowStart, w -> new HashMap<>())
                .computeIfAbsent(enterpriseId, e -> new Activity());
    }
}
