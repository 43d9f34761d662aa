package io.industrybrain.streams.topology;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.internal.MetricSums;

/**
 * Arithmetic on {@link MetricSums}, the additive fields of a record: a roll-up is the sum of its members' sums
 * (docs/contract.md), added in the order the caller gives, so that the same members in the same order give the very
 * same doubles whichever stage adds them.
 */
public final class Sums {

    private Sums() { }

    /** Sums of no enterprise. */
    public static MetricSums zero() {
        return MetricSums.newBuilder().build();
    }

    /** The sums of one record, a roll-up's member. */
    public static MetricSums of(MetricRecord m) {
        return MetricSums.newBuilder()
                .setEnterprises(m.getEnterprises())
                .setAboveScaleEnterprises(m.getAboveScaleEnterprises())
                .setEmployees(m.getEmployees())
                .setAddedValueCny(m.getAddedValueCny())
                .setOutputValueCny(m.getOutputValueCny())
                .setWorkerHours(m.getWorkerHours())
                .setActiveDevices(m.getActiveDevices())
                .setNcDevices(m.getNcDevices())
                .setCloudDevices(m.getCloudDevices())
                .setGoodUnits(m.getGoodUnits())
                .setDefectUnits(m.getDefectUnits())
                .setRunningSeconds(m.getRunningSeconds())
                .setIdleSeconds(m.getIdleSeconds())
                .setDownSeconds(m.getDownSeconds())
                .setEnergyKwh(m.getEnergyKwh())
                .setDigitizedProcesses(m.getDigitizedProcesses())
                .setFullyDigitizedEnterprises(m.getFullyDigitizedEnterprises())
                .setFullyDigitizedAboveScale(m.getFullyDigitizedAboveScale())
                .setOnCloudEnterprises(m.getOnCloudEnterprises())
                .setSmartFactoryEnterprises(m.getSmartFactoryEnterprises())
                .setLateEventsInGrace(m.getLateEventsInGrace())
                .setDuplicatesDropped(m.getDuplicatesDropped())
                .setLastEventTime(m.getLastEventTime() == null ? null : m.getLastEventTime().toEpochMilli())
                .setLastIngestTime(m.getLastIngestTime() == null ? null : m.getLastIngestTime().toEpochMilli())
                .build();
    }

    /** Adds {@code part} into {@code total}; the latest of the two times. Returns {@code total}. */
    public static MetricSums add(MetricSums total, MetricSums part) {
        total.setEnterprises(total.getEnterprises() + part.getEnterprises());
        total.setAboveScaleEnterprises(total.getAboveScaleEnterprises() + part.getAboveScaleEnterprises());
        total.setEmployees(total.getEmployees() + part.getEmployees());
        total.setAddedValueCny(total.getAddedValueCny() + part.getAddedValueCny());
        total.setOutputValueCny(total.getOutputValueCny() + part.getOutputValueCny());
        total.setWorkerHours(total.getWorkerHours() + part.getWorkerHours());
        total.setActiveDevices(total.getActiveDevices() + part.getActiveDevices());
        total.setNcDevices(total.getNcDevices() + part.getNcDevices());
        total.setCloudDevices(total.getCloudDevices() + part.getCloudDevices());
        total.setGoodUnits(total.getGoodUnits() + part.getGoodUnits());
        total.setDefectUnits(total.getDefectUnits() + part.getDefectUnits());
        total.setRunningSeconds(total.getRunningSeconds() + part.getRunningSeconds());
        total.setIdleSeconds(total.getIdleSeconds() + part.getIdleSeconds());
        total.setDownSeconds(total.getDownSeconds() + part.getDownSeconds());
        total.setEnergyKwh(total.getEnergyKwh() + part.getEnergyKwh());
        total.setDigitizedProcesses(total.getDigitizedProcesses() + part.getDigitizedProcesses());
        total.setFullyDigitizedEnterprises(total.getFullyDigitizedEnterprises() + part.getFullyDigitizedEnterprises());
        total.setFullyDigitizedAboveScale(total.getFullyDigitizedAboveScale() + part.getFullyDigitizedAboveScale());
        total.setOnCloudEnterprises(total.getOnCloudEnterprises() + part.getOnCloudEnterprises());
        total.setSmartFactoryEnterprises(total.getSmartFactoryEnterprises() + part.getSmartFactoryEnterprises());
        total.setLateEventsInGrace(total.getLateEventsInGrace() + part.getLateEventsInGrace());
        total.setDuplicatesDropped(total.getDuplicatesDropped() + part.getDuplicatesDropped());
        total.setLastEventTime(latest(total.getLastEventTime(), part.getLastEventTime()));
        total.setLastIngestTime(latest(total.getLastIngestTime(), part.getLastIngestTime()));
        return total;
    }

    /** The later of two times, either of which may be null (not known). */
    public static Long latest(Long a, Long b) {
        return a == null || (b != null && b > a) ? b : a;
    }
}
