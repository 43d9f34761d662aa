package io.industrybrain.streams.topology.window;

import static io.industrybrain.streams.topology.MetricFormulas.KEY_PROCESSES;
import static io.industrybrain.streams.topology.MetricFormulas.ratio;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.MetricFormulas;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.DeviceLastSample;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import java.time.Instant;
import java.util.Map;

/**
 * The ENTERPRISE-scope record of DOMAIN.md from an enterprise's window state and its current reference
 * data. The ratios come from {@link MetricFormulas}, the same code the roll-ups use. The benchmark and target
 * fields (chainPercentiles, targetGaps) are filled in by later steps and stay empty here.
 */
public final class EnterpriseMetricsCalculator {

    private final long windowMillis;
    private final MetricFormulas formulas;
    private final double minNcRatio;
    private final double minCloudRatio;

    public EnterpriseMetricsCalculator(TopologySettings settings) {
        this.windowMillis = settings.window().toMillis();
        this.formulas = new MetricFormulas(settings.window());
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

        long aboveScaleEnterprises = aboveScale ? 1 : 0;

        return formulas.withRatios(MetricRecord.newBuilder()
                .setScope(Scope.ENTERPRISE)
                .setScopeId(state.getEnterpriseId())
                .setWindowStart(Instant.ofEpochMilli(state.getWindowStart()))
                .setWindowEnd(Instant.ofEpochMilli(state.getWindowStart() + windowMillis))
                .setEnterprises(1)
                .setAboveScaleEnterprises(aboveScaleEnterprises)
                .setEmployees(employees)
                .setAddedValueCny(state.getAddedValueCny())
                .setOutputValueCny(state.getOutputValueCny())
                .setWorkerHours(state.getWorkerHours())
                .setActiveDevices(activeDevices)
                .setNcDevices(ncDevices)
                .setCloudDevices(cloudDevices)
                .setGoodUnits(state.getGoodUnits())
                .setDefectUnits(state.getDefectUnits())
                .setRunningSeconds(state.getRunningSeconds())
                .setIdleSeconds(state.getIdleSeconds())
                .setDownSeconds(state.getDownSeconds())
                .setEnergyKwh(state.getEnergyKwh())
                .setDigitizedProcesses(digitizedProcesses)
                .setFullyDigitizedEnterprises(fullyDigitized ? 1L : 0L)
                .setFullyDigitizedAboveScale(fullyDigitizedAboveScale)
                .setOnCloudEnterprises(onCloud)
                .setSmartFactoryEnterprises(smartFactory ? 1L : 0L))
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
}
