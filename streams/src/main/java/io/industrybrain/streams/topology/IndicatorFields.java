package io.industrybrain.streams.topology;

import java.util.List;

/**
 * The indicator fields of a {@code MetricRecord}: the counts, sums and ratios of the contract's ENTERPRISE table.
 * Not indicators: the record's identity (scope, scopeId, window), the benchmark and target maps, and the
 * completeness and coverage fields (revision, final, lateEventsInGrace, duplicatesDropped, lastEventTime, emittedAt,
 * coveredUntil, registeredEnterprises, registeredAboveScale, coverage).
 * Targets may name any indicator; a suppressed record nulls every indicator but {@link #ENTERPRISES}.
 */
public final class IndicatorFields {

    /** The count of contributing enterprises: kept on a suppressed record, so that the reason is visible. */
    public static final String ENTERPRISES = "enterprises";

    /** Every indicator, in schema order. */
    public static final List<String> ALL = List.of(
            ENTERPRISES, "aboveScaleEnterprises", "employees", "addedValueCny", "outputValueCny", "workerHours",
            "laborProductivityPerWorkerHour", "annualizedLaborProductivity", "activeDevices", "ncDevices",
            "cloudDevices", "ncRatio", "deviceCloudRatio", "goodUnits", "defectUnits", "qualityRate", "runningSeconds",
            "idleSeconds", "downSeconds", "availability", "energyKwh", "energyIntensity", "digitizedProcesses",
            "digitizedProcessRatio", "fullyDigitizedEnterprises", "fullyDigitizedAboveScale", "onCloudEnterprises",
            "cloudAdoptionRate", "smartFactoryEnterprises", "fullyDigitizedRate");

    private IndicatorFields() { }
}
