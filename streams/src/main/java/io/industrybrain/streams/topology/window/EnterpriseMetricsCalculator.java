package io.industrybrain.streams.topology.window;

import static io.industrybrain.streams.topology.MetricFormulas.KEY_PROCESSES;
import static io.industrybrain.streams.topology.MetricFormulas.ratio;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.MetricFormulas;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.MetricSums;
import java.time.Instant;

/**
 * The ENTERPRISE-scope record of docs/contract.md from an enterprise's window state: first its sums (what a roll-up adds
 * up, {@link #sums}), then the record of those sums with the ratios of {@link MetricFormulas}, the same code the
 * roll-ups use. The benchmark and target fields (chainPercentiles, targetGaps) are filled in by later steps.
 */
public final class EnterpriseMetricsCalculator {

    private final MetricFormulas formulas;
    private final double minNcRatio;
    private final double minCloudRatio;

    public EnterpriseMetricsCalculator(TopologySettings settings) {
        this.formulas = new MetricFormulas(settings.window());
        this.minNcRatio = settings.smartFactoryMinNcRatio();
        this.minCloudRatio = settings.smartFactoryMinCloudRatio();
    }

    /**
     * Files the state under the enterprise's current reference data: what its next record reports (employees,
     * above scale) and the roll-ups it counts in (chain, region). An enterprise deleted since (null) keeps the last.
     */
    public static void refresh(EnterpriseWindowState state, Enterprise current) {
        if (current != null) {
            state.setAboveScale(current.getAboveScale());
            state.setEmployees(current.getEmployees());
            state.setIndustryChain(current.getIndustryChain());
            state.setRegion(current.getRegion());
        }
    }

    /** The enterprise's sums in the window, as filed by {@link #refresh}. */
    public MetricSums sums(EnterpriseWindowState state) {
        long active = state.getActiveDevices();
        Double ncRatio = ratio(state.getNcDevices(), active);
        Double cloudRatio = ratio(state.getCloudDevices(), active);
        int digitized = Integer.bitCount(state.getDigitizedProcesses());
        boolean fully = digitized == KEY_PROCESSES;
        boolean aboveScale = state.getAboveScale();
        boolean smartFactory = fully && ncRatio != null && ncRatio >= minNcRatio && cloudRatio != null && cloudRatio >= minCloudRatio;
        return MetricSums.newBuilder()
                .setEnterprises(1)
                .setAboveScaleEnterprises(aboveScale ? 1 : 0)
                .setEmployees(state.getEmployees())
                .setAddedValueCny(state.getAddedValueCny())
                .setOutputValueCny(state.getOutputValueCny())
                .setWorkerHours(state.getWorkerHours())
                .setActiveDevices(active)
                .setNcDevices(state.getNcDevices())
                .setCloudDevices(state.getCloudDevices())
                .setGoodUnits(state.getGoodUnits())
                .setDefectUnits(state.getDefectUnits())
                .setRunningSeconds(state.getRunningSeconds())
                .setIdleSeconds(state.getIdleSeconds())
                .setDownSeconds(state.getDownSeconds())
                .setEnergyKwh(state.getEnergyKwh())
                .setDigitizedProcesses(digitized)
                .setFullyDigitizedEnterprises(fully ? 1 : 0)
                .setFullyDigitizedAboveScale(fully && aboveScale ? 1 : 0)
                .setOnCloudEnterprises(state.getOnCloud() ? 1 : 0)
                .setSmartFactoryEnterprises(smartFactory ? 1 : 0)
                .setLateEventsInGrace(state.getLateEventsInGrace())
                .setDuplicatesDropped(state.getDuplicatesDropped())
                .setLastEventTime(state.getLastEventTime())
                .setLastIngestTime(state.getLastIngestTime())
                .build();
    }

    public MetricRecord calculate(EnterpriseWindowState state, long revision, boolean isFinal, Instant emittedAt) {
        return formulas.record(Scope.ENTERPRISE, state.getEnterpriseId(), state.getWindowStart(), sums(state), revision, isFinal, emittedAt);
    }
}
