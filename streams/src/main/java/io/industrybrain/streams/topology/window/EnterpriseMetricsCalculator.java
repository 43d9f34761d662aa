package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.DeviceLastSample;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The ENTERPRISE-scope record of DOMAIN.md from an enterprise's window state and its current reference
 * data. Ratios are null where their denominator is 0. The roll-up fields (chainPercentiles, targetGaps,
 * suppressed) belong to the roll-up stage and stay empty / false here.
 */
public final class EnterpriseMetricsCalculator {

    private static final double TEN_THOUSAND_CNY = 10_000.0;
    private static final int KEY_PROCESSES = KeyProcess.values().length;
    private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();

    private final long windowMillis;
    private final double minNcRatio;
    private final double minCloudRatio;

    public EnterpriseMetricsCalculator(TopologySettings settings) {
        this.windowMillis = settings.window().toMillis();
        this.minNcRatio = settings.smartFactoryMinNcRatio();
        this.minCloudRatio = settings.smartFactoryMinCloudRatio();
    }

    /**
     * @param enterprise the current reference record, or null when the enterprise was deleted since its
     *                   last counted event (the state's copy of the reference data is used then)
     */
    public MetricRecord calculate(EnterpriseWindowState state, Enterprise enterprise, long revision, boolean isFinal, Instant emittedAt) {
        boolean aboveScale = enterprise != null ? enterprise.getAboveScale() : state.getAboveScale();
        long employees = enterprise != null ? enterprise.getEmployees() : state.getEmployees();

        long activeDevices = state.getDevices().size();
        long ncDevices = 0;
        long cloudDevices = 0;
        for (DeviceLastSample last : state.getDevices().values()) {
            ncDevices += last.getNumericallyControlled() ? 1 : 0;
            cloudDevices += last.getCloudConnected() ? 1 : 0;
        }
        Double ncRatio = ratio(ncDevices, activeDevices);
        Double deviceCloudRatio = ratio(cloudDevices, activeDevices);

        long digitizedProcesses = state.getDigitizedProcesses().size();
        boolean fullyDigitized = digitizedProcesses == KEY_PROCESSES;
        long fullyDigitizedAboveScale = fullyDigitized && aboveScale ? 1 : 0;
        long onCloud = state.getOnCloud() ? 1 : 0;
        boolean smartFactory = fullyDigitized
                && ncRatio != null && ncRatio >= minNcRatio
                && deviceCloudRatio != null && deviceCloudRatio >= minCloudRatio;

        double added = state.getAddedValueCny();
        long good = state.getGoodUnits();
        long defect = state.getDefectUnits();
        long running = state.getRunningSeconds();
        long observed = running + state.getIdleSeconds() + state.getDownSeconds();
        long aboveScaleEnterprises = aboveScale ? 1 : 0;

        return MetricRecord.newBuilder()
                .setScope(Scope.ENTERPRISE)
                .setScopeId(state.getEnterpriseId())
                .setWindowStart(Instant.ofEpochMilli(state.getWindowStart()))
                .setWindowEnd(Instant.ofEpochMilli(state.getWindowStart() + windowMillis))
                .setEnterprises(1)
                .setAboveScaleEnterprises(aboveScaleEnterprises)
                .setEmployees(employees)
                .setAddedValueCny(added)
                .setOutputValueCny(state.getOutputValueCny())
                .setWorkerHours(state.getWorkerHours())
                .setLaborProductivityPerWorkerHour(ratio(added, state.getWorkerHours()))
                .setAnnualizedLaborProductivity(employees == 0 ? null
                        : added / employees * ((double) YEAR_MILLIS / windowMillis) / TEN_THOUSAND_CNY)
                .setActiveDevices(activeDevices)
                .setNcDevices(ncDevices)
                .setCloudDevices(cloudDevices)
                .setNcRatio(ncRatio)
                .setDeviceCloudRatio(deviceCloudRatio)
                .setGoodUnits(good)
                .setDefectUnits(defect)
                .setQualityRate(ratio(good, good + defect))
                .setRunningSeconds(running)
                .setIdleSeconds(state.getIdleSeconds())
                .setDownSeconds(state.getDownSeconds())
                .setAvailability(ratio(running, observed))
                .setEnergyKwh(state.getEnergyKwh())
                .setEnergyIntensity(ratio(state.getEnergyKwh(), added / TEN_THOUSAND_CNY))
                .setDigitizedProcesses(digitizedProcesses)
                .setDigitizedProcessRatio((double) digitizedProcesses / KEY_PROCESSES)
                .setFullyDigitizedEnterprises(fullyDigitized ? 1L : 0L)
                .setFullyDigitizedAboveScale(fullyDigitizedAboveScale)
                .setOnCloudEnterprises(onCloud)
                .setCloudAdoptionRate((double) onCloud)
                .setSmartFactoryEnterprises(smartFactory ? 1L : 0L)
                .setFullyDigitizedRate(ratio(fullyDigitizedAboveScale, aboveScaleEnterprises))
                .setChainPercentiles(Map.of())
                .setTargetGaps(Map.of())
                .setSuppressed(false)
                .setRevision(revision)
                .setFinal$(isFinal)
                .setLateEventsInGrace(state.getLateEventsInGrace())
                .setDuplicatesDropped(state.getDuplicatesDropped())
                .setLastEventTime(state.getLastEventTime() == null ? null : Instant.ofEpochMilli(state.getLastEventTime()))
                .setEmittedAt(emittedAt)
                .setLastIngestTime(state.getLastIngestTime() == null ? null : Instant.ofEpochMilli(state.getLastIngestTime()))
                .build();
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0.0 ? null : numerator / denominator;
    }
}
