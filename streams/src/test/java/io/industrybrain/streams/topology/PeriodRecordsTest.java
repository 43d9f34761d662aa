package io.industrybrain.streams.topology;

import static io.industrybrain.streams.topology.MetricAssertions.assertFields;
import static io.industrybrain.streams.topology.MetricAssertions.fields;
import static io.industrybrain.schema.MachineState.DOWN;
import static io.industrybrain.schema.MachineState.IDLE;
import static io.industrybrain.schema.MachineState.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The period records of brain.metrics.periods, on the contract's worked example of one day (docs/contract.md, "Plan
 * periods"): what each field means over a day, when the records come and when they are final, the year's trajectory,
 * and the calendar of period.zone, daylight saving time included. Every expected value is computed by hand from the
 * events sent.
 */
class PeriodRecordsTest {

    private static final double EXACT = 1e-9;
    /** 2026-02-27 in Asia/Shanghai: [2026-02-26T16:00Z, 2026-02-27T16:00Z). */
    private static final Instant DAY_START = Instant.parse("2026-02-26T16:00:00Z");
    private static final Instant DAY_END = Instant.parse("2026-02-27T16:00:00Z");
    /** The end of the latest window the worked example closes. */
    private static final Instant COVERED = Instant.parse("2026-02-27T17:00:00Z");

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    private void start(UnaryOperator<TopologySettings> customize) {
        harness = new EnterpriseMetricsHarness(stateDir, settings -> customize.apply(settings.withMinGroupSize(1)));
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.closeAfterCheckingOutcomes();
        }
    }

    /** The latest record of each key read so far, in the order the keys first came. */
    private Map<String, MetricRecord> latestPeriods() {
        Map<String, MetricRecord> latest = new LinkedHashMap<>();
        for (KeyValue<String, MetricRecord> record : harness.periods.readKeyValuesToList()) {
            latest.put(record.key, record.value);
        }
        return latest;
    }

    /**
     * The worked example: E1 (above scale, 100 employees) and E2 (50 employees) of chain IC and city HZ, and E3, which is
     * registered but never reports, on 2026-02-27 in Shanghai; an event of the next day closes it.
     */
    private void theWorkedExampleDay() {
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "IC", "HZ", false, 50));
        harness.enterprise(Events.enterprise("E3", "IC", "NB", true, 80));
        // 00:00-01:00 local (16:00Z the day before)
        harness.telemetry(Events.sample("D1", "E1", 1, Instant.parse("2026-02-26T16:05:00Z"), RUNNING, 600, 40, 2, 3.0, true, false));
        harness.production(Events.batch("B1", "E1", Instant.parse("2026-02-26T16:30:00Z"), 40_000, 10_000));
        for (KeyProcess process : List.of(KeyProcess.RD_DESIGN, KeyProcess.PRODUCTION_PLANNING, KeyProcess.MANUFACTURING, KeyProcess.QUALITY)) {
            harness.heartbeat(Events.heartbeat("E1", process, Hosting.ON_PREMISES, true, Instant.parse("2026-02-26T16:40:00Z")));
        }
        // 10:00-11:00 local (02:00Z)
        harness.telemetry(Events.sample("D1", "E1", 2, Instant.parse("2026-02-27T02:05:00Z"), IDLE, 600, 0, 0, 0.5, true, true));
        harness.telemetry(Events.sample("D2", "E1", 1, Instant.parse("2026-02-27T02:10:00Z"), DOWN, 300, 0, 0, 0.2, false, false));
        harness.telemetry(Events.sample("D1", "E1", 2, Instant.parse("2026-02-27T02:05:00Z"), IDLE, 600, 0, 0, 0.5, true, true));
        harness.production(Events.batch("B2", "E1", Instant.parse("2026-02-27T02:20:00Z"), 60_000, 20_000));
        for (KeyProcess process : List.of(KeyProcess.PROCUREMENT, KeyProcess.WAREHOUSING_LOGISTICS, KeyProcess.SALES, KeyProcess.FINANCE)) {
            harness.heartbeat(Events.heartbeat("E1", process, Hosting.PUBLIC_CLOUD, true, Instant.parse("2026-02-27T02:30:00Z")));
        }
        harness.telemetry(Events.sample("D3", "E2", 5, Instant.parse("2026-02-27T02:15:00Z"), RUNNING, 300, 10, 0, 1.0, true, true));
        harness.shift(Events.shift("S1", "E2", Instant.parse("2026-02-27T02:45:00Z"), 10, 8));
        // 01:11 local the next day: stream time past 16:00Z + 10 min of grace closes the day's last window
        harness.telemetry(Events.sample("D3", "E2", 6, Instant.parse("2026-02-27T17:11:00Z")));
    }

    @Test
    void aDayIsTheSumOfItsWindowsWithItsOwnDevicesProcessesAndCoverage() {
        start(settings -> settings);
        theWorkedExampleDay();
        Map<String, MetricRecord> periods = latestPeriods();

        MetricRecord e1 = periods.get("DAY:ENTERPRISE:E1:2026-02-27");
        assertFields(e1, fields("period", Period.DAY, "windowStart", DAY_START, "windowEnd", DAY_END, "final", true,
                "coveredFrom", DAY_START, "coveredUntil", DAY_END, "enterprises", 1, "aboveScaleEnterprises", 1, "employees", 100,
                "addedValueCny", 30_000.0, "outputValueCny", 100_000.0, "workerHours", 0.0,
                // two devices; D1's last sample of the day (seq 2) is NC and on the cloud, D2's neither
                "activeDevices", 2, "ncDevices", 1, "cloudDevices", 1, "ncRatio", 0.5, "deviceCloudRatio", 0.5,
                "goodUnits", 40, "defectUnits", 2, "runningSeconds", 600, "idleSeconds", 600, "downSeconds", 300,
                "energyKwh", 3.7, "availability", 600.0 / 1_500,
                // four processes in one window, the other four in another: all eight in the day, in no window
                "digitizedProcesses", 8, "fullyDigitizedEnterprises", 1, "fullyDigitizedAboveScale", 1, "onCloudEnterprises", 1,
                // 30,000 / 100 x 365 days / 1 day / 10,000
                "annualizedLaborProductivity", 10.95, "duplicatesDropped", 1,
                "registeredEnterprises", 1, "registeredAboveScale", 1, "coverage", 1.0));
        assertEquals(2, e1.getRevision(), "once when its first window was final everywhere, once final");

        MetricRecord province = periods.get("DAY:PROVINCE:ZJ:2026-02-27");
        assertFields(province, fields("final", true, "enterprises", 2, "aboveScaleEnterprises", 1, "employees", 150,
                "addedValueCny", 30_000.0, "workerHours", 80.0, "laborProductivityPerWorkerHour", 375.0,
                "activeDevices", 3, "ncDevices", 2, "cloudDevices", 2, "digitizedProcesses", 8, "digitizedProcessRatio", 0.5,
                "fullyDigitizedEnterprises", 1, "fullyDigitizedAboveScale", 1, "fullyDigitizedRate", 1.0,
                "onCloudEnterprises", 1, "cloudAdoptionRate", 0.5,
                // 30,000 / 150 x 365 / 10,000
                "annualizedLaborProductivity", 7.3,
                "registeredEnterprises", 3, "registeredAboveScale", 2, "coverage", 2.0 / 3));
        // HZ holds E1 and E2 of its two registered; NB has E3 only, which never reported: no record
        assertFields(periods.get("DAY:REGION:HZ:2026-02-27"), fields("enterprises", 2, "registeredEnterprises", 2, "coverage", 1.0));
        assertFalse(periods.containsKey("DAY:REGION:NB:2026-02-27"));

        // The month and the year are to date: not final, covered to the end of the latest window final everywhere
        // (16:00Z-17:00Z, closed by stream time 17:11), and from the first window with data, 00:00 local on the 27th:
        // annualized over that day and an hour, not over the 27 days of February or the 58 of the year before it.
        MetricRecord month = periods.get("MONTH:PROVINCE:ZJ:2026-02-01");
        assertFields(month, fields("final", false, "windowStart", Instant.parse("2026-01-31T16:00:00Z"),
                "windowEnd", Instant.parse("2026-02-28T16:00:00Z"), "coveredFrom", DAY_START, "coveredUntil", COVERED,
                "addedValueCny", 30_000.0, "annualizedLaborProductivity", 30_000.0 / 150 * 365 / (1 + 1 / 24.0) / 10_000));
        MetricRecord year = periods.get("YEAR:PROVINCE:ZJ:2026-01-01");
        assertFields(year, fields("final", false, "windowStart", Instant.parse("2025-12-31T16:00:00Z"), "coveredFrom", DAY_START,
                "coveredUntil", COVERED, "annualizedLaborProductivity", 30_000.0 / 150 * 365 / (1 + 1 / 24.0) / 10_000));
        // E2's data begins at 10:00 local: its day is covered from there
        assertFields(periods.get("DAY:ENTERPRISE:E2:2026-02-27"), fields("coveredFrom", Instant.parse("2026-02-27T02:00:00Z"),
                "coveredUntil", DAY_END, "workerHours", 80.0, "annualizedLaborProductivity", 0.0));
        assertTrue(periods.containsKey("QUARTER:INDUSTRY_CHAIN:IC:2026-01-01"));
    }

    @Test
    void everySumOverADayIsTheSumOfItsWindowsFinals() {
        start(settings -> settings);
        theWorkedExampleDay();
        List<MetricRecord> e1Windows = harness.finals.readKeyValuesToList().stream().map(kv -> kv.value)
                .filter(r -> r.getScopeId().equals("E1")).toList();
        assertEquals(2, e1Windows.size());
        MetricRecord day = latestPeriods().get("DAY:ENTERPRISE:E1:2026-02-27");
        for (String sum : List.of("addedValueCny", "outputValueCny", "goodUnits", "runningSeconds", "idleSeconds", "downSeconds", "energyKwh")) {
            double windows = 0;
            for (MetricRecord window : e1Windows) {
                windows += ((Number) window.get(sum)).doubleValue();
            }
            assertEquals(windows, ((Number) day.get(sum)).doubleValue(), 0.0, sum);
        }
        // devices are distinct over the day, not summed: D1 is in both windows
        assertEquals(3L, e1Windows.stream().mapToLong(MetricRecord::getActiveDevices).sum());
        assertEquals(2L, day.getActiveDevices());
    }

    @Test
    void theYearToDateCarriesItsGapToTheStraightLineFromBaselineToTarget() {
        start(settings -> settings);
        // a plan from 50 % at the end of 2025 to 80 % at the end of 2026
        harness.target(new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, LocalDate.parse("2026-12-31"),
                0.5, LocalDate.parse("2025-12-31")));
        theWorkedExampleDay();
        Map<String, MetricRecord> periods = latestPeriods();
        MetricRecord year = periods.get("YEAR:PROVINCE:ZJ:2026-01-01");
        // covered until 2026-02-27T17:00Z = 2026-02-28 01:00 local: 58 days and an hour of the line's 365 days from
        // 2026-01-01 00:00 local
        double line = 0.5 + (0.8 - 0.5) * (58 + 1 / 24.0) / 365;
        assertEquals(1.0 - line, year.getTrajectoryGaps().get("fullyDigitizedRate"), EXACT);
        assertEquals(1.0 - 0.8, year.getTargetGaps().get("fullyDigitizedRate"), EXACT);
        // only YEAR records measure the pace
        MetricRecord month = periods.get("MONTH:PROVINCE:ZJ:2026-02-01");
        assertEquals(Map.of("fullyDigitizedRate", 1.0 - 0.8), month.getTargetGaps());
        assertEquals(Map.of(), month.getTrajectoryGaps());
    }

    @Test
    void daysFollowTheZonesClocksThroughDaylightSavingTime() {
        start(settings -> settings.withPeriodZone(ZoneId.of("Europe/Berlin")));
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        // 2025-03-30 in Berlin has 23 hours: [2025-03-29T23:00Z, 2025-03-30T22:00Z)
        harness.production(Events.batch("B1", "E1", Instant.parse("2025-03-29T23:30:00Z"), 0, 23_000));
        harness.production(Events.batch("B2", "E1", Instant.parse("2025-03-30T21:30:00Z"), 0, 1_000));
        harness.production(Events.batch("B3", "E1", Instant.parse("2025-03-30T22:30:00Z"), 0, 5_000));
        // 2025-10-26 has 25 hours: [2025-10-25T22:00Z, 2025-10-26T23:00Z), with data from its first hour to its last
        harness.production(Events.batch("B4", "E1", Instant.parse("2025-10-25T22:30:00Z"), 0, 0));
        harness.production(Events.batch("B4b", "E1", Instant.parse("2025-10-26T22:30:00Z"), 0, 25_000));
        harness.production(Events.batch("B5", "E1", Instant.parse("2025-10-27T02:00:00Z"), 0, 0));
        Map<String, MetricRecord> periods = latestPeriods();

        assertFields(periods.get("DAY:ENTERPRISE:E1:2025-03-30"), fields("windowStart", Instant.parse("2025-03-29T23:00:00Z"),
                "windowEnd", Instant.parse("2025-03-30T22:00:00Z"), "final", true, "addedValueCny", 24_000.0,
                // annualized over its 23 hours
                "annualizedLaborProductivity", 24_000.0 / 100 * 365 * 24 / 23 / 10_000));
        assertFields(periods.get("DAY:ENTERPRISE:E1:2025-03-31"), fields("windowStart", Instant.parse("2025-03-30T22:00:00Z"),
                "addedValueCny", 5_000.0));
        assertFields(periods.get("DAY:ENTERPRISE:E1:2025-10-26"), fields("windowStart", Instant.parse("2025-10-25T22:00:00Z"),
                "windowEnd", Instant.parse("2025-10-26T23:00:00Z"), "final", true, "addedValueCny", 25_000.0,
                "annualizedLaborProductivity", 25_000.0 / 100 * 365 * 24 / 25 / 10_000));
        assertFields(periods.get("MONTH:ENTERPRISE:E1:2025-03-01"), fields("windowStart", Instant.parse("2025-02-28T23:00:00Z"),
                "windowEnd", Instant.parse("2025-03-31T22:00:00Z"), "final", true, "addedValueCny", 29_000.0));
        assertFields(periods.get("QUARTER:ENTERPRISE:E1:2025-01-01"), fields("final", true, "addedValueCny", 29_000.0));
        assertFields(periods.get("QUARTER:ENTERPRISE:E1:2025-10-01"), fields("final", false, "addedValueCny", 25_000.0));
        assertFields(periods.get("YEAR:ENTERPRISE:E1:2025-01-01"), fields("final", false, "addedValueCny", 54_000.0));
    }
}
