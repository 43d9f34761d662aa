package io.industrybrain.streams.topology;

import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.internal.MetricSums;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The ratio formulas of docs/contract.md, in one place for every scope: an ENTERPRISE record is the roll-up of one
 * enterprise ({@code enterprises} = 1), and a roll-up recomputes its ratios from its summed counts with the
 * very same code, never by averaging the ratios of its members. A ratio is null where its denominator is 0.
 */
public final class MetricFormulas {

    public static final double TEN_THOUSAND_CNY = 10_000.0;
    public static final int KEY_PROCESSES = KeyProcess.values().length;
    private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();

    private final long windowMillis;

    public MetricFormulas(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /** numerator / denominator, or null where the denominator is 0. */
    public static Double ratio(double numerator, double denominator) {
        return denominator == 0.0 ? null : numerator / denominator;
    }

    /**
     * The record of a scope's window with the given sums: every count, sum and ratio field, the completeness counts
     * and times, the revision; no chain percentiles, target gaps or coverage, not suppressed (later steps add those).
     * A final covers its whole window; an open window is covered up to the latest eventTime counted, so that its
     * annualized figures are over the time elapsed in it, not over the whole window.
     */
    public MetricRecord record(Scope scope, String scopeId, long windowStart, MetricSums sums, long revision, boolean isFinal,
                               Instant emittedAt) {
        long windowEnd = windowStart + windowMillis;
        long coveredUntil = isFinal ? windowEnd
                : sums.getLastEventTime() == null ? windowStart : Math.min(windowEnd, Math.max(windowStart, sums.getLastEventTime()));
        return record(scope, scopeId, Period.WINDOW, windowStart, windowEnd, windowStart, coveredUntil, sums, revision, isFinal,
                emittedAt);
    }

    /**
     * The record of a scope's window or period [start, end) with the given sums, whose data covers [coveredFrom,
     * coveredUntil): {@code annualizedLaborProductivity} annualizes over that, and is null while it is empty.
     */
    public static MetricRecord record(Scope scope, String scopeId, Period period, long start, long end, long coveredFrom,
                                      long coveredUntil, MetricSums sums, long revision, boolean isFinal, Instant emittedAt) {
        return withRatios(fromSums(scope, scopeId, start, end, sums)
                .setPeriod(period)
                .setCoveredFrom(Instant.ofEpochMilli(coveredFrom))
                .setCoveredUntil(Instant.ofEpochMilli(coveredUntil)))
                .setChainPercentiles(Map.of())
                .setTargetGaps(Map.of())
                .setTrajectoryGaps(Map.of())
                .setSuppressed(false)
                .setRevision(revision)
                .setFinal$(isFinal)
                .setEmittedAt(emittedAt)
                .build();
    }

    private static MetricRecord.Builder fromSums(Scope scope, String scopeId, long windowStart, long windowEnd, MetricSums s) {
        return MetricRecord.newBuilder()
                .setScope(scope)
                .setScopeId(scopeId)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setEnterprises(s.getEnterprises())
                .setAboveScaleEnterprises(s.getAboveScaleEnterprises())
                .setEmployees(s.getEmployees())
                .setAddedValueCny(s.getAddedValueCny())
                .setOutputValueCny(s.getOutputValueCny())
                .setWorkerHours(s.getWorkerHours())
                .setActiveDevices(s.getActiveDevices())
                .setNcDevices(s.getNcDevices())
                .setCloudDevices(s.getCloudDevices())
                .setGoodUnits(s.getGoodUnits())
                .setDefectUnits(s.getDefectUnits())
                .setRunningSeconds(s.getRunningSeconds())
                .setIdleSeconds(s.getIdleSeconds())
                .setDownSeconds(s.getDownSeconds())
                .setEnergyKwh(s.getEnergyKwh())
                .setDigitizedProcesses(s.getDigitizedProcesses())
                .setFullyDigitizedEnterprises(s.getFullyDigitizedEnterprises())
                .setFullyDigitizedAboveScale(s.getFullyDigitizedAboveScale())
                .setOnCloudEnterprises(s.getOnCloudEnterprises())
                .setSmartFactoryEnterprises(s.getSmartFactoryEnterprises())
                .setLateEventsInGrace(s.getLateEventsInGrace())
                .setDuplicatesDropped(s.getDuplicatesDropped())
                .setLastEventTime(s.getLastEventTime() == null ? null : Instant.ofEpochMilli(s.getLastEventTime()))
                .setLastIngestTime(s.getLastIngestTime() == null ? null : Instant.ofEpochMilli(s.getLastIngestTime()));
    }

    /**
     * Sets every ratio field from the builder's count and sum fields, which must all be set (not null), and its
     * coveredFrom (or, where that is not set, windowStart) and coveredUntil, the time the annualized figures are over.
     *
     * @return the same builder
     */
    public static MetricRecord.Builder withRatios(MetricRecord.Builder record) {
        Instant from = record.getCoveredFrom() != null ? record.getCoveredFrom() : record.getWindowStart();
        long elapsed = record.getCoveredUntil().toEpochMilli() - from.toEpochMilli();
        double added = record.getAddedValueCny();
        long employees = record.getEmployees();
        long running = record.getRunningSeconds();
        long observed = running + record.getIdleSeconds() + record.getDownSeconds();
        long good = record.getGoodUnits();
        return record
                .setLaborProductivityPerWorkerHour(ratio(added, record.getWorkerHours()))
                .setAnnualizedLaborProductivity(employees == 0 || elapsed <= 0 ? null
                        : added / employees * ((double) YEAR_MILLIS / elapsed) / TEN_THOUSAND_CNY)
                .setNcRatio(ratio(record.getNcDevices(), record.getActiveDevices()))
                .setDeviceCloudRatio(ratio(record.getCloudDevices(), record.getActiveDevices()))
                .setQualityRate(ratio(good, good + record.getDefectUnits()))
                .setAvailability(ratio(running, observed))
                .setEnergyIntensity(ratio(record.getEnergyKwh(), added / TEN_THOUSAND_CNY))
                .setDigitizedProcessRatio(ratio(record.getDigitizedProcesses(), (double) KEY_PROCESSES * record.getEnterprises()))
                .setCloudAdoptionRate(ratio(record.getOnCloudEnterprises(), record.getEnterprises()))
                .setFullyDigitizedRate(ratio(record.getFullyDigitizedAboveScale(), record.getAboveScaleEnterprises()));
    }
}
