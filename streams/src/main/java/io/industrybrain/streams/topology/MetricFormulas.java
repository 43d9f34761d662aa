package io.industrybrain.streams.topology;

import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MetricRecord;
import java.time.Duration;

/**
 * The ratio formulas of DOMAIN.md, in one place for every scope: an ENTERPRISE record is the roll-up of one
 * enterprise ({@code enterprises} = 1), and a roll-up recomputes its ratios from its summed counts with the
 * very same code, never by averaging the ratios of its members. A ratio is null where its denominator is 0.
 */
public final class MetricFormulas {

    public static final double TEN_THOUSAND_CNY = 10_000.0;
    public static final int KEY_PROCESSES = KeyProcess.values().length;
    private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();

    private final double windowsPerYear;

    public MetricFormulas(Duration window) {
        this.windowsPerYear = (double) YEAR_MILLIS / window.toMillis();
    }

    /** numerator / denominator, or null where the denominator is 0. */
    public static Double ratio(double numerator, double denominator) {
        return denominator == 0.0 ? null : numerator / denominator;
    }

    /**
     * Sets every ratio field from the builder's count and sum fields, which must all be set (not null).
     *
     * @return the same builder
     */
    public MetricRecord.Builder withRatios(MetricRecord.Builder record) {
        double added = record.getAddedValueCny();
        long employees = record.getEmployees();
        long running = record.getRunningSeconds();
        long observed = running + record.getIdleSeconds() + record.getDownSeconds();
        long good = record.getGoodUnits();
        return record
                .setLaborProductivityPerWorkerHour(ratio(added, record.getWorkerHours()))
                .setAnnualizedLaborProductivity(employees == 0 ? null : added / employees * windowsPerYear / TEN_THOUSAND_CNY)
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
