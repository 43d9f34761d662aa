package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MetricRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fields of the ENTERPRISE table one at a time, each with values worked out by hand. */
class EnterpriseMetricsFieldsTest {

    private static final double EXACT = 1e-9;
    private static final Instant T = Instant.parse("2026-03-01T10:10:00Z");

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    @AfterEach
    void outcomesBalanceAfterEveryTest() {
        harness.closeAfterCheckingOutcomes();
    }

    private void start(boolean aboveScale, int employees, UnaryOperator<TopologySettings> settings) {
        harness = new EnterpriseMetricsHarness(stateDir, settings);
        harness.enterprise(Events.enterprise("E1", aboveScale, employees));
    }

    private void start(boolean aboveScale, int employees) {
        start(aboveScale, employees, settings -> settings);
    }

    private MetricRecord latest() {
        List<MetricRecord> updates = harness.updates.readValuesToList();
        return updates.get(updates.size() - 1);
    }

    @Test
    void everyRatioIsNullWhereItsDenominatorIsZero() {
        // Given an enterprise whose only event is an on-premises, not digitized heartbeat
        start(true, 50);
        harness.heartbeat(Events.heartbeat("E1", KeyProcess.SALES, Hosting.ON_PREMISES, false, T));
        MetricRecord r = latest();
        // Then: no devices, no units, no observed time, no worker hours, no value added
        assertEquals(0L, r.getActiveDevices());
        assertNull(r.getNcRatio());
        assertNull(r.getDeviceCloudRatio());
        assertNull(r.getQualityRate());
        assertNull(r.getAvailability());
        assertNull(r.getLaborProductivityPerWorkerHour());
        assertNull(r.getEnergyIntensity());
        // employees > 0, so productivity per person-year is 0, not null
        assertEquals(0.0, r.getAnnualizedLaborProductivity(), EXACT);
        assertEquals(0L, r.getDigitizedProcesses());
        assertEquals(0.0, r.getDigitizedProcessRatio(), EXACT);
        assertEquals(0L, r.getFullyDigitizedEnterprises());
        assertEquals(0L, r.getOnCloudEnterprises());
        assertEquals(0.0, r.getCloudAdoptionRate(), EXACT);
        assertEquals(0L, r.getSmartFactoryEnterprises());
        assertEquals(0.0, r.getFullyDigitizedRate(), EXACT);
        assertEquals(1L, r.getEnterprises());
        assertEquals(0.0, r.getAddedValueCny(), EXACT);
        assertEquals(0L, r.getGoodUnits());
    }

    @Test
    void anEnterpriseWithoutShiftsHasNoProductivityPerWorkerHour() {
        // Given 2 batches: added value 3,000 + 1,000 CNY, output 9,000 + 3,000 CNY; 20 employees; 1 h windows
        start(true, 20);
        harness.production(Events.batch("B1", "E1", T, 9_000, 3_000));
        harness.production(Events.batch("B2", "E1", T, 3_000, 1_000));
        MetricRecord r = latest();
        assertEquals(4_000.0, r.getAddedValueCny(), EXACT);
        assertEquals(12_000.0, r.getOutputValueCny(), EXACT);
        assertEquals(0.0, r.getWorkerHours(), EXACT);
        assertNull(r.getLaborProductivityPerWorkerHour());
        // the open window is covered up to its latest event, 10:10: 4,000 / 20 x (8,760 h / (1/6) h) / 10,000 = 1,051.2
        assertEquals(T, r.getCoveredUntil());
        assertEquals(1_051.2, r.getAnnualizedLaborProductivity(), EXACT);
        // no telemetry: no energy, intensity 0 kWh per 10k CNY
        assertEquals(0.0, r.getEnergyIntensity(), EXACT);
    }

    @Test
    void productivityPerWorkerHourAndAnnualizedProductivityFollowTheWindowLength() {
        // Given 30-minute windows, added value 1,000 CNY, 10 employees, shifts 4 x 2.5 h and 6 x 0.5 h
        start(false, 10, settings -> settings.withWindow(Duration.ofMinutes(30), Duration.ofMinutes(5)));
        harness.production(Events.batch("B1", "E1", T, 2_000, 1_000));
        harness.shift(Events.shift("S1", "E1", T, 4, 2.5));
        harness.shift(Events.shift("S2", "E1", T, 6, 0.5));
        MetricRecord r = latest();
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), r.getWindowStart());
        assertEquals(Instant.parse("2026-03-01T10:30:00Z"), r.getWindowEnd());
        // 4 x 2.5 + 6 x 0.5 = 13 worker-hours; 1,000 / 13
        assertEquals(13.0, r.getWorkerHours(), EXACT);
        assertEquals(1_000.0 / 13.0, r.getLaborProductivityPerWorkerHour(), EXACT);
        // covered 10:00 to 10:10 so far: 1,000 / 10 x (8,760 h / (1/6) h) / 10,000 = 525.6, and over the whole
        // half hour once final: 175.2
        assertEquals(525.6, r.getAnnualizedLaborProductivity(), EXACT);
    }

    @Test
    void maintenanceAndOfflineTimeCountInNoAvailabilityBucket() {
        start(true, 10);
        harness.telemetry(Events.sample("D1", "E1", 1, T, MachineState.MAINTENANCE, 600, 0, 0, 0.4, true, true));
        harness.telemetry(Events.sample("D1", "E1", 2, T, MachineState.OFFLINE, 300, 0, 0, 0.0, true, true));
        MetricRecord onlyPlanned = latest();
        assertEquals(0L, onlyPlanned.getRunningSeconds());
        assertEquals(0L, onlyPlanned.getIdleSeconds());
        assertEquals(0L, onlyPlanned.getDownSeconds());
        assertNull(onlyPlanned.getAvailability());
        // energy still counts: 0.4 kWh
        assertEquals(0.4, onlyPlanned.getEnergyKwh(), EXACT);
        harness.telemetry(Events.sample("D1", "E1", 3, T, MachineState.RUNNING, 120, 9, 1, 0.1, true, true));
        harness.telemetry(Events.sample("D1", "E1", 4, T, MachineState.DOWN, 360, 0, 0, 0.0, true, true));
        MetricRecord r = latest();
        // 120 / (120 + 0 + 360)
        assertEquals(0.25, r.getAvailability(), EXACT);
        assertEquals(0.9, r.getQualityRate(), EXACT);
    }

    @Test
    void digitizedProcessesCountDistinctDigitizedProcessesAndAnyCloudHostingPutsTheEnterpriseOnTheCloud() {
        start(true, 10);
        // Given SALES digitized twice, FINANCE not digitized, QUALITY digitized on a private cloud
        harness.heartbeat(Events.heartbeat("E1", KeyProcess.SALES, Hosting.ON_PREMISES, true, T));
        harness.heartbeat(Events.heartbeat("E1", KeyProcess.SALES, Hosting.ON_PREMISES, true, T.plusSeconds(60)));
        harness.heartbeat(Events.heartbeat("E1", KeyProcess.FINANCE, Hosting.ON_PREMISES, false, T));
        MetricRecord onPremises = latest();
        assertEquals(0L, onPremises.getOnCloudEnterprises());
        harness.heartbeat(Events.heartbeat("E1", KeyProcess.QUALITY, Hosting.PRIVATE_CLOUD, true, T));
        MetricRecord r = latest();
        assertEquals(2L, r.getDigitizedProcesses());
        assertEquals(0.25, r.getDigitizedProcessRatio(), EXACT);
        assertEquals(0L, r.getFullyDigitizedEnterprises());
        assertEquals(1L, r.getOnCloudEnterprises());
        assertEquals(1.0, r.getCloudAdoptionRate(), EXACT);
        assertEquals(0, r.getDuplicatesDropped(), "heartbeats are never duplicates");
    }

    @Test
    void aFullyDigitizedEnterpriseWithEnoughNcAndCloudDevicesIsASmartFactory() {
        start(true, 10);
        digitizeAllProcesses();
        // Given 10 devices, 7 NC and 7 cloud connected: both ratios exactly 0.7
        for (int d = 0; d < 10; d++) {
            harness.telemetry(Events.sample("D" + d, "E1", 1, T, MachineState.RUNNING, 60, 1, 0, 0.0, d < 7, d >= 3));
        }
        MetricRecord r = latest();
        assertEquals(0.7, r.getNcRatio(), EXACT);
        assertEquals(0.7, r.getDeviceCloudRatio(), EXACT);
        assertEquals(1L, r.getFullyDigitizedEnterprises());
        assertEquals(1L, r.getFullyDigitizedAboveScale());
        assertEquals(1.0, r.getFullyDigitizedRate(), EXACT);
        assertEquals(1L, r.getSmartFactoryEnterprises());
        // When the cloud device D9 reports again, no longer connected: 6 of 10
        harness.telemetry(Events.sample("D9", "E1", 2, T, MachineState.RUNNING, 60, 1, 0, 0.0, false, false));
        MetricRecord below = latest();
        assertEquals(0.6, below.getDeviceCloudRatio(), EXACT);
        assertEquals(0L, below.getSmartFactoryEnterprises());
    }

    @Test
    void smartFactoryThresholdsComeFromTheSettings() {
        // Given thresholds of 0.5 and one NC, cloud-connected device out of two
        start(true, 10, settings -> settings.withSmartFactoryThresholds(0.5, 0.5));
        digitizeAllProcesses();
        harness.telemetry(Events.sample("D1", "E1", 1, T, MachineState.RUNNING, 60, 1, 0, 0.0, true, true));
        harness.telemetry(Events.sample("D2", "E1", 1, T, MachineState.RUNNING, 60, 1, 0, 0.0, false, false));
        assertEquals(1L, latest().getSmartFactoryEnterprises());
    }

    @Test
    void notAboveScaleHasNoFullyDigitizedRate() {
        start(false, 10);
        digitizeAllProcesses();
        MetricRecord r = latest();
        assertEquals(0L, r.getAboveScaleEnterprises());
        assertEquals(1L, r.getFullyDigitizedEnterprises());
        assertEquals(0L, r.getFullyDigitizedAboveScale());
        assertNull(r.getFullyDigitizedRate());
        assertEquals(0L, r.getSmartFactoryEnterprises(), "no devices: ratios null, not a smart factory");
    }

    @Test
    void employeesAndScaleComeFromTheCurrentReferenceData() {
        // Given E1 with 100 employees and 3,000 CNY added value in the window
        start(false, 100);
        harness.production(Events.batch("B1", "E1", T, 6_000, 3_000));
        assertEquals(100L, latest().getEmployees());
        // When its reference data changes to 200 employees, above scale
        harness.enterprise(Events.enterprise("E1", true, 200));
        harness.production(Events.batch("B2", "E1", T, 0, 0));
        // Then the next record uses the new data, over the 10 minutes covered: 3,000 / 200 x 8,760 x 6 / 10,000 = 78.84
        MetricRecord r = latest();
        assertEquals(200L, r.getEmployees());
        assertEquals(1L, r.getAboveScaleEnterprises());
        assertEquals(78.84, r.getAnnualizedLaborProductivity(), EXACT);
        assertTrue(harness.deadLetters.isEmpty());
        harness.assertOutcomesBalance();
    }

    private void digitizeAllProcesses() {
        for (KeyProcess process : KeyProcess.values()) {
            harness.heartbeat(Events.heartbeat("E1", process, Hosting.ON_PREMISES, true, T));
        }
    }
}
