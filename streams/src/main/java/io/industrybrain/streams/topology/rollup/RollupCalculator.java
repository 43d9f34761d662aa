package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.IndicatorFields;
import io.industrybrain.streams.topology.MetricFormulas;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A roll-up record from the ENTERPRISE records of its members in one window: counts and sums summed, ratios
 * recomputed from the sums by {@link MetricFormulas} (never averaged), completeness counts summed and the
 * latest lastEventTime and lastIngestTime. A roll-up of fewer than {@code min.group.size} enterprises is suppressed: it keeps
 * {@code enterprises} and the completeness fields, every other indicator is null, {@code suppressed} is true.
 */
final class RollupCalculator {

    private final MetricFormulas formulas;
    private final long windowMillis;
    private final int minGroupSize;

    RollupCalculator(Duration window, int minGroupSize) {
        this.formulas = new MetricFormulas(window);
        this.windowMillis = window.toMillis();
        this.minGroupSize = minGroupSize;
    }

    MetricRecord calculate(GroupKey group, long windowStart, List<MetricRecord> members, long revision, boolean isFinal,
                           Instant emittedAt) {
        long aboveScale = 0;
        long employees = 0;
        double added = 0;
        double output = 0;
        double workerHours = 0;
        long active = 0;
        long nc = 0;
        long cloud = 0;
        long good = 0;
        long defect = 0;
        long running = 0;
        long idle = 0;
        long down = 0;
        double energy = 0;
        long digitized = 0;
        long fully = 0;
        long fullyAboveScale = 0;
        long onCloud = 0;
        long smart = 0;
        long late = 0;
        long duplicates = 0;
        Instant lastEventTime = null;
        Instant lastIngestTime = null;
        for (MetricRecord m : members) {
            aboveScale += m.getAboveScaleEnterprises();
            employees += m.getEmployees();
            added += m.getAddedValueCny();
            output += m.getOutputValueCny();
            workerHours += m.getWorkerHours();
            active += m.getActiveDevices();
            nc += m.getNcDevices();
            cloud += m.getCloudDevices();
            good += m.getGoodUnits();
            defect += m.getDefectUnits();
            running += m.getRunningSeconds();
            idle += m.getIdleSeconds();
            down += m.getDownSeconds();
            energy += m.getEnergyKwh();
            digitized += m.getDigitizedProcesses();
            fully += m.getFullyDigitizedEnterprises();
            fullyAboveScale += m.getFullyDigitizedAboveScale();
            onCloud += m.getOnCloudEnterprises();
            smart += m.getSmartFactoryEnterprises();
            late += m.getLateEventsInGrace();
            duplicates += m.getDuplicatesDropped();
            lastEventTime = latest(lastEventTime, m.getLastEventTime());
            lastIngestTime = latest(lastIngestTime, m.getLastIngestTime());
        }
        long enterprises = members.stream().mapToLong(MetricRecord::getEnterprises).sum();
        MetricRecord record = formulas.withRatios(MetricRecord.newBuilder()
                        .setScope(group.scope())
                        .setScopeId(group.scopeId())
                        .setWindowStart(Instant.ofEpochMilli(windowStart))
                        .setWindowEnd(Instant.ofEpochMilli(windowStart + windowMillis))
                        .setEnterprises(enterprises)
                        .setAboveScaleEnterprises(aboveScale)
                        .setEmployees(employees)
                        .setAddedValueCny(added)
                        .setOutputValueCny(output)
                        .setWorkerHours(workerHours)
                        .setActiveDevices(active)
                        .setNcDevices(nc)
                        .setCloudDevices(cloud)
                        .setGoodUnits(good)
                        .setDefectUnits(defect)
                        .setRunningSeconds(running)
                        .setIdleSeconds(idle)
                        .setDownSeconds(down)
                        .setEnergyKwh(energy)
                        .setDigitizedProcesses(digitized)
                        .setFullyDigitizedEnterprises(fully)
                        .setFullyDigitizedAboveScale(fullyAboveScale)
                        .setOnCloudEnterprises(onCloud)
                        .setSmartFactoryEnterprises(smart))
                .setChainPercentiles(Map.of())
                .setTargetGaps(Map.of())
                .setSuppressed(false)
                .setRevision(revision)
                .setFinal$(isFinal)
                .setLateEventsInGrace(late)
                .setDuplicatesDropped(duplicates)
                .setLastEventTime(lastEventTime)
                .setLastIngestTime(lastIngestTime)
                .setEmittedAt(emittedAt)
                .build();
        return enterprises < minGroupSize ? suppressed(record) : record;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static MetricRecord suppressed(MetricRecord record) {
        MetricRecord copy = MetricRecord.newBuilder(record).setSuppressed(true).build();
        for (String indicator : IndicatorFields.ALL) {
            if (!indicator.equals(IndicatorFields.ENTERPRISES)) {
                copy.put(indicator, null);
            }
        }
        return copy;
    }
}
