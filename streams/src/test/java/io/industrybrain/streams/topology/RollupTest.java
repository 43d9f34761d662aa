package io.industrybrain.streams.topology;

import static io.industrybrain.streams.topology.MetricAssertions.assertFields;
import static io.industrybrain.streams.topology.MetricAssertions.differences;
import static io.industrybrain.streams.topology.MetricAssertions.fields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INDUSTRY_CHAIN, REGION and PROVINCE roll-ups, the ENTERPRISE finals' chain percentiles and the target gaps,
 * against numbers computed by hand from the events each test publishes. Windows are 1 h with 10 min grace;
 * every update is published at once (update interval 0).
 */
class RollupTest {

    private static final String W10 = "2026-03-01T10:00:00Z";

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    @AfterEach
    void nothingElseCameOutAndOutcomesBalance() {
        try {
            assertTrue(harness.updates.isEmpty(), "ENTERPRISE updates left unchecked");
            assertTrue(harness.finals.isEmpty(), "ENTERPRISE finals left unchecked");
            assertTrue(harness.rollupUpdates.isEmpty(), "roll-up updates left unchecked");
            assertTrue(harness.rollupFinals.isEmpty(), "roll-up finals left unchecked");
            assertTrue(harness.deadLetters.isEmpty(), "dead letters left unchecked");
            harness.assertOutcomesBalance();
        } finally {
            harness.close();
        }
    }

    private void start(UnaryOperator<TopologySettings> settings) {
        harness = new EnterpriseMetricsHarness(stateDir, settings);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    private static String key(Scope scope, String scopeId) {
        return scope + ":" + scopeId + ":" + W10;
    }

    /** Heartbeats of the first {@code processes} key processes, all digitized, the first one hosted as given. */
    private void digitized(String enterprise, int processes, Hosting firstHosting, Instant at) {
        for (int i = 0; i < processes; i++) {
            harness.heartbeat(Events.heartbeat(enterprise, KeyProcess.values()[i], i == 0 ? firstHosting : Hosting.ON_PREMISES, true, at));
        }
    }

    /** A sample of the 11:00 window: moves stream time to 11:10, which closes 10:00 (end 11:00 + grace 10 min). */
    private void closeTenOClock(String enterprise) {
        harness.telemetry(Events.sample("CLOSER-" + enterprise, enterprise, 1, at("11:10:00")));
    }

    private List<KeyValue<String, MetricRecord>> finalsOfTen(MetricOutput.View view) {
        return view.readKeyValuesToList().stream().filter(kv -> kv.key.endsWith(W10)).toList();
    }

    private static List<String> keys(List<KeyValue<String, MetricRecord>> records) {
        return records.stream().map(kv -> kv.key).toList();
    }

    @Test
    void chainRegionAndProvinceSumTheirEnterprisesAndRecomputeTheRatiosFromTheSums() {
        start(settings -> settings.withMinGroupSize(2));
        // Given two chains (IC: E1 E2, SW: E3 E4) crossed with two regions (HZ: E1 E3, NB: E2 E4)
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "IC", "NB", false, 50));
        harness.enterprise(Events.enterprise("E3", "SW", "HZ", true, 200));
        harness.enterprise(Events.enterprise("E4", "SW", "NB", true, 40));
        // E1: 20,000 added, 240 worker-hours, one NC+cloud device running 600 s, all 8 processes (one on the cloud)
        harness.production(Events.batch("B1", "E1", at("10:40:00"), 80_000, 20_000));
        harness.shift(Events.shift("S1", "E1", at("10:50:00"), 30, 8));
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00"), MachineState.RUNNING, 600, 50, 2, 3.0, true, true));
        digitized("E1", 8, Hosting.PUBLIC_CLOUD, at("10:10:00"));
        // E2: 5,000 added, 80 worker-hours, one plain device idle 600 s, 4 processes on premises
        harness.production(Events.batch("B2", "E2", at("10:41:00"), 20_000, 5_000));
        harness.shift(Events.shift("S2", "E2", at("10:51:00"), 10, 8));
        harness.telemetry(Events.sample("D2", "E2", 1, at("10:06:00"), MachineState.IDLE, 600, 0, 0, 0.5, false, false));
        digitized("E2", 4, Hosting.ON_PREMISES, at("10:11:00"));
        // E3: 40,000 added, 200 worker-hours, D3 NC+cloud running 1200 s, D4 NC down 300 s, 8 processes (private cloud)
        harness.production(Events.batch("B3", "E3", at("10:42:00"), 100_000, 40_000));
        harness.shift(Events.shift("S3", "E3", at("10:52:00"), 20, 10));
        harness.telemetry(Events.sample("D3", "E3", 1, at("10:07:00"), MachineState.RUNNING, 1200, 100, 0, 2.0, true, true));
        harness.telemetry(Events.sample("D4", "E3", 1, at("10:08:00"), MachineState.DOWN, 300, 0, 0, 0.5, true, false));
        digitized("E3", 8, Hosting.PRIVATE_CLOUD, at("10:12:00"));
        // E4: 10,000 added, no shift, one cloud device running 300 s with 10 good and 10 defective, 2 processes
        harness.production(Events.batch("B4", "E4", at("10:43:00"), 30_000, 10_000));
        harness.telemetry(Events.sample("D5", "E4", 1, at("10:09:00"), MachineState.RUNNING, 300, 10, 10, 1.5, false, true));
        digitized("E4", 2, Hosting.ON_PREMISES, at("10:13:00"));
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();

        // When stream time passes 11:10
        closeTenOClock("E1");

        // Then each enterprise has its final, and each roll-up one final, in the order chains, regions, province
        assertEquals(List.of("ENTERPRISE:E1:" + W10, "ENTERPRISE:E2:" + W10, "ENTERPRISE:E3:" + W10, "ENTERPRISE:E4:" + W10),
                keys(harness.finals.readKeyValuesToList()));
        List<KeyValue<String, MetricRecord>> rollups = harness.rollupFinals.readKeyValuesToList();
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.INDUSTRY_CHAIN, "SW"), key(Scope.REGION, "HZ"),
                key(Scope.REGION, "NB"), key(Scope.PROVINCE, "ZJ")), keys(rollups));
        // 365 d / 1 h = 8,760 windows a year; annualized = added / employees * 8,760 / 10,000
        assertFields(rollups.get(0).value, fields(
                "enterprises", 2, "aboveScaleEnterprises", 1, "employees", 150, "addedValueCny", 25_000.0,
                "outputValueCny", 100_000.0, "workerHours", 320.0, "laborProductivityPerWorkerHour", 78.125,
                // not the mean of E1's 175.2 and E2's 87.6 (131.4): the sums' ratio
                "annualizedLaborProductivity", 146.0,
                "activeDevices", 2, "ncDevices", 1, "cloudDevices", 1, "ncRatio", 0.5, "deviceCloudRatio", 0.5,
                "goodUnits", 50, "defectUnits", 2, "qualityRate", 50.0 / 52, "runningSeconds", 600, "idleSeconds", 600,
                "downSeconds", 0, "availability", 0.5, "energyKwh", 3.5, "energyIntensity", 1.4, "digitizedProcesses", 12,
                "digitizedProcessRatio", 0.75, "fullyDigitizedEnterprises", 1, "fullyDigitizedAboveScale", 1,
                "onCloudEnterprises", 1, "cloudAdoptionRate", 0.5, "smartFactoryEnterprises", 1, "fullyDigitizedRate", 1.0,
                "suppressed", false, "final", true, "lastEventTime", at("10:51:00"), "lateEventsInGrace", 0L,
                "duplicatesDropped", 0L));
        assertFields(rollups.get(1).value, fields(
                "enterprises", 2, "aboveScaleEnterprises", 2, "employees", 240, "addedValueCny", 50_000.0,
                "outputValueCny", 130_000.0, "workerHours", 200.0, "laborProductivityPerWorkerHour", 250.0,
                "annualizedLaborProductivity", 182.5, "activeDevices", 3, "ncDevices", 2, "cloudDevices", 2,
                "ncRatio", 2.0 / 3, "deviceCloudRatio", 2.0 / 3, "goodUnits", 110, "defectUnits", 10, "qualityRate", 110.0 / 120,
                "runningSeconds", 1500, "idleSeconds", 0, "downSeconds", 300, "availability", 1500.0 / 1800, "energyKwh", 4.0,
                "energyIntensity", 0.8, "digitizedProcesses", 10, "digitizedProcessRatio", 0.625, "fullyDigitizedEnterprises", 1,
                "fullyDigitizedAboveScale", 1, "onCloudEnterprises", 1, "cloudAdoptionRate", 0.5,
                // E3 is fully digitized but only half its devices are on the cloud (< 0.7): no smart factory
                "smartFactoryEnterprises", 0, "fullyDigitizedRate", 0.5, "lastEventTime", at("10:52:00")));
        assertFields(rollups.get(2).value, fields(
                "enterprises", 2, "aboveScaleEnterprises", 2, "employees", 300, "addedValueCny", 60_000.0,
                "outputValueCny", 180_000.0, "workerHours", 440.0, "laborProductivityPerWorkerHour", 60_000.0 / 440,
                "annualizedLaborProductivity", 175.2, "activeDevices", 3, "ncDevices", 3, "cloudDevices", 2, "ncRatio", 1.0,
                "deviceCloudRatio", 2.0 / 3, "goodUnits", 150, "defectUnits", 2, "qualityRate", 150.0 / 152,
                "runningSeconds", 1800, "idleSeconds", 0, "downSeconds", 300, "availability", 1800.0 / 2100, "energyKwh", 5.5,
                "energyIntensity", 5.5 / 6, "digitizedProcesses", 16, "digitizedProcessRatio", 1.0,
                "fullyDigitizedEnterprises", 2, "fullyDigitizedAboveScale", 2, "onCloudEnterprises", 2, "cloudAdoptionRate", 1.0,
                "smartFactoryEnterprises", 1, "fullyDigitizedRate", 1.0));
        assertFields(rollups.get(3).value, fields(
                "enterprises", 2, "aboveScaleEnterprises", 1, "employees", 90, "addedValueCny", 15_000.0,
                "outputValueCny", 50_000.0, "workerHours", 80.0, "laborProductivityPerWorkerHour", 187.5,
                "annualizedLaborProductivity", 146.0, "activeDevices", 2, "ncDevices", 0, "cloudDevices", 1, "ncRatio", 0.0,
                "deviceCloudRatio", 0.5, "goodUnits", 10, "defectUnits", 10, "qualityRate", 0.5, "runningSeconds", 300,
                "idleSeconds", 600, "downSeconds", 0, "availability", 300.0 / 900, "energyKwh", 2.0, "energyIntensity", 2.0 / 1.5,
                "digitizedProcesses", 6, "digitizedProcessRatio", 6.0 / 16, "fullyDigitizedEnterprises", 0,
                "fullyDigitizedAboveScale", 0, "onCloudEnterprises", 0, "cloudAdoptionRate", 0.0, "smartFactoryEnterprises", 0,
                "fullyDigitizedRate", 0.0));
        assertFields(rollups.get(4).value, fields(
                "enterprises", 4, "aboveScaleEnterprises", 3, "employees", 390, "addedValueCny", 75_000.0,
                "outputValueCny", 230_000.0, "workerHours", 520.0, "laborProductivityPerWorkerHour", 75_000.0 / 520,
                "annualizedLaborProductivity", 75_000.0 / 390 * 8_760 / 10_000, "activeDevices", 5, "ncDevices", 3,
                "cloudDevices", 3, "ncRatio", 0.6, "deviceCloudRatio", 0.6, "goodUnits", 160, "defectUnits", 12,
                "qualityRate", 160.0 / 172, "runningSeconds", 2100, "idleSeconds", 600, "downSeconds", 300, "availability", 0.7,
                "energyKwh", 7.5, "energyIntensity", 1.0, "digitizedProcesses", 22, "digitizedProcessRatio", 22.0 / 32,
                "fullyDigitizedEnterprises", 2, "fullyDigitizedAboveScale", 2, "onCloudEnterprises", 2,
                "cloudAdoptionRate", 0.5, "smartFactoryEnterprises", 1, "fullyDigitizedRate", 2.0 / 3,
                "windowStart", Instant.parse(W10), "windowEnd", at("11:00:00"), "lastEventTime", at("10:52:00")));
        // and the sample at 11:10 opened the 11:00 window: its updates, no finals
        assertEquals(List.of("ENTERPRISE:E1:2026-03-01T11:00:00Z"), keys(harness.updates.readKeyValuesToList()));
        assertEquals(List.of("INDUSTRY_CHAIN:IC:2026-03-01T11:00:00Z", "REGION:HZ:2026-03-01T11:00:00Z",
                "PROVINCE:ZJ:2026-03-01T11:00:00Z"), keys(harness.rollupUpdates.readKeyValuesToList()));
    }

    /** Three enterprises of chain IC and region HZ (160 employees), 3,000 CNY added, 40 worker-hours. */
    private void threeEnterprisesWithBatchesAndAShift() {
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "IC", "HZ", true, 50));
        harness.enterprise(Events.enterprise("E3", "IC", "HZ", false, 10));
        harness.production(Events.batch("B1", "E1", at("10:10:00"), 2_000, 1_000));
        harness.production(Events.batch("B2", "E2", at("10:20:00"), 4_000, 2_000));
        harness.shift(Events.shift("S3", "E3", at("10:30:00"), 5, 8));
    }

    private MetricRecord lastRollupUpdate(Scope scope, String scopeId) {
        List<KeyValue<String, MetricRecord>> updates = harness.rollupUpdates.readKeyValuesToList();
        return updates.stream().filter(kv -> kv.key.equals(key(scope, scopeId))).reduce((a, b) -> b).orElseThrow().value;
    }

    @Test
    void aLateEventInGraceChangesTheRollUpByExactlyItsContribution() {
        start(settings -> settings);
        threeEnterprisesWithBatchesAndAShift();
        // Given stream time at 11:05 (past the 10:00 window's end, within its grace)
        harness.telemetry(Events.sample("D1", "E1", 1, at("11:05:00")));
        harness.updates.readRecordsToList();
        MetricRecord before = lastRollupUpdate(Scope.INDUSTRY_CHAIN, "IC");
        assertFields(before, fields("enterprises", 3, "employees", 160, "addedValueCny", 3_000.0, "revision", 3L));

        // When E2 reports a 10:50 batch late
        harness.production(Events.batch("B2-late", "E2", at("10:50:00"), 9_000, 7_000));

        // Then E2's update, and one update per roll-up of the window, each changed by exactly that batch
        assertEquals(List.of("ENTERPRISE:E2:" + W10), keys(harness.updates.readKeyValuesToList()));
        List<KeyValue<String, MetricRecord>> updates = harness.rollupUpdates.readKeyValuesToList();
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.REGION, "HZ"), key(Scope.PROVINCE, "ZJ")), keys(updates));
        MetricRecord after = updates.get(0).value;
        assertEquals(4, after.getRevision());
        Map<String, Object[]> changed = differences(before, after);
        assertEquals(List.of("addedValueCny", "outputValueCny", "laborProductivityPerWorkerHour", "annualizedLaborProductivity",
                "lateEventsInGrace", "lastEventTime", "coveredUntil"), List.copyOf(changed.keySet()));
        assertArrayEquals(new Object[] {3_000.0, 10_000.0}, changed.get("addedValueCny"));
        assertArrayEquals(new Object[] {6_000.0, 15_000.0}, changed.get("outputValueCny"));
        // 40 worker-hours (E3's shift)
        assertArrayEquals(new Object[] {75.0, 250.0}, changed.get("laborProductivityPerWorkerHour"));
        // over the time covered by the window's latest event: 30 minutes before, 50 after
        assertEquals(3_000.0 / 160 * 0.876 * 2, (Double) changed.get("annualizedLaborProductivity")[0], 1e-9);
        assertEquals(10_000.0 / 160 * 0.876 * 60 / 50, (Double) changed.get("annualizedLaborProductivity")[1], 1e-9);
        assertArrayEquals(new Object[] {at("10:30:00"), at("10:50:00")}, changed.get("coveredUntil"));
        assertArrayEquals(new Object[] {0L, 1L}, changed.get("lateEventsInGrace"));
        assertArrayEquals(new Object[] {at("10:30:00"), at("10:50:00")}, changed.get("lastEventTime"));
        // HZ and ZJ hold the same three enterprises: the same numbers
        assertEquals(List.of("scope", "scopeId"), List.copyOf(differences(after, updates.get(1).value).keySet()));
        assertEquals(List.of("scope", "scopeId"), List.copyOf(differences(after, updates.get(2).value).keySet()));

        // and the finals carry the revised numbers
        closeTenOClock("E1");
        assertEquals(3, finalsOfTen(harness.finals).size());
        List<KeyValue<String, MetricRecord>> finals = finalsOfTen(harness.rollupFinals);
        assertEquals(3, finals.size());
        for (KeyValue<String, MetricRecord> last : finals) {
            assertFields(last.value, fields("enterprises", 3, "addedValueCny", 10_000.0, "lateEventsInGrace", 1L, "revision", 5L));
        }
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }

    @Test
    void aDuplicateAfterTheOriginalChangesNothingButTheDuplicateCount() {
        start(settings -> settings);
        threeEnterprisesWithBatchesAndAShift();
        harness.updates.readRecordsToList();
        MetricRecord before = lastRollupUpdate(Scope.INDUSTRY_CHAIN, "IC");

        // When the MES resends E2's batch
        harness.production(Events.batch("B2", "E2", at("10:20:00"), 4_000, 2_000));

        // Then each roll-up's next revision differs in duplicatesDropped only
        assertEquals(1, harness.updates.readRecordsToList().size());
        List<KeyValue<String, MetricRecord>> updates = harness.rollupUpdates.readKeyValuesToList();
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.REGION, "HZ"), key(Scope.PROVINCE, "ZJ")), keys(updates));
        Map<String, Object[]> changed = differences(before, updates.get(0).value);
        assertEquals(List.of("duplicatesDropped"), List.copyOf(changed.keySet()));
        assertArrayEquals(new Object[] {0L, 1L}, changed.get("duplicatesDropped"));
        assertEquals(before.getRevision() + 1, updates.get(0).value.getRevision());
    }

    @Test
    void anEnterpriseThatMovesTakesItsWholeContributionToItsNewChainAndRegion() {
        start(settings -> settings.withMinGroupSize(1));
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 10));
        harness.enterprise(Events.enterprise("E2", "IC", "HZ", true, 10));
        harness.enterprise(Events.enterprise("E3", "SW", "NB", true, 10));
        harness.enterprise(Events.enterprise("E4", "SW", "NB", true, 10));
        harness.enterprise(Events.enterprise("E5", "TX", "WZ", true, 10));
        harness.production(Events.batch("B1", "E1", at("10:05:00"), 0, 1_000));
        harness.production(Events.batch("B2", "E2", at("10:06:00"), 0, 2_000));
        harness.production(Events.batch("B3", "E3", at("10:07:00"), 0, 4_000));
        harness.production(Events.batch("B4", "E4", at("10:08:00"), 0, 8_000));
        harness.production(Events.batch("B5", "E5", at("10:09:00"), 0, 16_000));
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();

        // When E1 moves to chain SW and region NB, and then reports another batch in the same window
        harness.enterprise(Events.enterprise("E1", "SW", "NB", true, 10));
        assertTrue(harness.rollupUpdates.isEmpty(), "a move alone publishes nothing before the enterprise's next record");
        harness.production(Events.batch("B1b", "E1", at("10:20:00"), 0, 100));

        // Then the updates already published stay, and the next revision of each roll-up moves all 1,100 of E1
        harness.updates.readRecordsToList();
        List<KeyValue<String, MetricRecord>> moved = harness.rollupUpdates.readKeyValuesToList();
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.INDUSTRY_CHAIN, "SW"), key(Scope.REGION, "HZ"),
                key(Scope.REGION, "NB"), key(Scope.PROVINCE, "ZJ")), keys(moved));
        assertFields(moved.get(0).value, fields("enterprises", 1, "addedValueCny", 2_000.0, "revision", 3L));
        assertFields(moved.get(1).value, fields("enterprises", 3, "addedValueCny", 13_100.0, "revision", 3L));
        assertFields(moved.get(2).value, fields("enterprises", 1, "addedValueCny", 2_000.0, "revision", 3L));
        assertFields(moved.get(3).value, fields("enterprises", 3, "addedValueCny", 13_100.0, "revision", 3L));
        assertFields(moved.get(4).value, fields("enterprises", 5, "addedValueCny", 31_100.0, "revision", 6L));

        // When E5, the only member of TX, moves to SW and reports nothing more before the window closes
        harness.enterprise(Events.enterprise("E5", "SW", "WZ", true, 10));
        closeTenOClock("E2");

        // Then its closing record moves it: TX and SW publish an update, then every roll-up its final;
        // TX, left empty, still gets its final (suppressed: 0 enterprises is below any group size)
        List<KeyValue<String, MetricRecord>> lastUpdates = finalsOfTen(harness.rollupUpdates);
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "SW"), key(Scope.INDUSTRY_CHAIN, "TX")), keys(lastUpdates));
        List<KeyValue<String, MetricRecord>> finals = finalsOfTen(harness.rollupFinals);
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.INDUSTRY_CHAIN, "SW"), key(Scope.INDUSTRY_CHAIN, "TX"),
                key(Scope.REGION, "HZ"), key(Scope.REGION, "NB"), key(Scope.REGION, "WZ"), key(Scope.PROVINCE, "ZJ")), keys(finals));
        assertFields(finals.get(0).value, fields("enterprises", 1, "addedValueCny", 2_000.0));
        assertFields(finals.get(1).value, fields("enterprises", 4, "addedValueCny", 29_100.0, "revision", 5L));
        assertFields(finals.get(2).value, fields("enterprises", 0, "addedValueCny", null, "suppressed", true, "revision", 3L));
        assertFields(finals.get(3).value, fields("enterprises", 1, "addedValueCny", 2_000.0));
        assertFields(finals.get(4).value, fields("enterprises", 3, "addedValueCny", 13_100.0));
        assertFields(finals.get(5).value, fields("enterprises", 1, "addedValueCny", 16_000.0));
        assertFields(finals.get(6).value, fields("enterprises", 5, "addedValueCny", 31_100.0));
        assertEquals(5, finalsOfTen(harness.finals).size());
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }

    @Test
    void everyRecordCarriesItsGapsToThePlanTargetsOfItsScope() {
        start(settings -> settings.withMinGroupSize(1));
        LocalDate due = LocalDate.parse("2025-12-31");
        harness.target(new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, due, null, null));
        harness.target(new MetricTarget(Scope.PROVINCE, "ZJ", "qualityRate", 0.99, due, null, null));
        harness.target(new MetricTarget(Scope.INDUSTRY_CHAIN, "IC", "annualizedLaborProductivity", 22.0, due, null, null));
        harness.target(new MetricTarget(Scope.ENTERPRISE, "E1", "addedValueCny", 25_000.0, null, null, null));
        // the contract's short key scope:scopeId is read too
        harness.publish(harness.topics.targets(), "REGION:HZ", new MetricTarget(Scope.REGION, "HZ", "enterprises", 3.0, null, null, null));
        // a target of another region whose key sorts among HZ's
        harness.target(new MetricTarget(Scope.REGION, "HZ-X", "employees", 1.0, null, null, null));
        // a target for something that is not a metric is not applied
        harness.target(new MetricTarget(Scope.PROVINCE, "ZJ", "happiness", 1.0, null, null, null));
        assertEquals(1L, harness.counters.snapshot(harness.topics.targets()).ignored().get(DeadLetterReason.INVALID));

        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "IC", "HZ", true, 100));
        harness.production(Events.batch("B1", "E1", at("10:10:00"), 0, 20_000));
        digitized("E1", 8, Hosting.ON_PREMISES, at("10:11:00"));
        harness.production(Events.batch("B2", "E2", at("10:12:00"), 0, 10_000));

        // ENTERPRISE updates: E1's gap to its own target, none for E2
        List<MetricRecord> updates = harness.updates.readValuesToList();
        assertEquals(Map.of("addedValueCny", -5_000.0), updates.get(0).getTargetGaps());
        assertEquals(Map.of(), updates.get(updates.size() - 1).getTargetGaps());
        harness.rollupUpdates.readRecordsToList();

        closeTenOClock("E1");
        List<KeyValue<String, MetricRecord>> finals = finalsOfTen(harness.rollupFinals);
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.REGION, "HZ"), key(Scope.PROVINCE, "ZJ")), keys(finals));
        // IC: 30,000 / 200 * 0.876 = 131.4, 109.4 above 22
        assertGaps(Map.of("annualizedLaborProductivity", 109.4), finals.get(0).value);
        assertGaps(Map.of("enterprises", -1.0), finals.get(1).value);
        // ZJ: 1 of 2 above-scale enterprises fully digitized, 0.5 - 0.8; no telemetry, so qualityRate is null: no gap
        assertGaps(Map.of("fullyDigitizedRate", -0.3), finals.get(2).value);
        List<MetricRecord> enterpriseFinals = harness.finals.readValuesToList();
        assertGaps(Map.of("addedValueCny", -5_000.0), enterpriseFinals.get(0));
        assertGaps(Map.of(), enterpriseFinals.get(1));
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }

    private static void assertGaps(Map<String, Double> expected, MetricRecord record) {
        assertEquals(expected.keySet(), record.getTargetGaps().keySet(), record.getScopeId());
        expected.forEach((metric, gap) -> assertEquals(gap, record.getTargetGaps().get(metric), 1e-9, metric));
    }

    @Test
    void aRollUpOfFewerEnterprisesThanTheGroupSizeIsPublishedSuppressed() {
        start(settings -> settings);
        // Given chain IC with 2 enterprises, chain SW with 3, all in region HZ (min.group.size 3)
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E3", "SW", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E4", "SW", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E5", "SW", "HZ", true, 100));
        for (String e : List.of("E1", "E2", "E3", "E4", "E5")) {
            harness.production(Events.batch("B-" + e, e, at("10:10:00"), 0, 1_000));
        }
        // only E3 and E4 of SW have telemetry: availability from 2 peers is no percentile
        harness.telemetry(Events.sample("D3", "E3", 1, at("10:20:00"), MachineState.RUNNING, 600, 0, 0, 0, false, false));
        harness.telemetry(Events.sample("D4", "E4", 1, at("10:21:00"), MachineState.IDLE, 600, 0, 0, 0, false, false));
        harness.production(Events.batch("B-E1", "E1", at("10:10:00"), 0, 1_000));
        harness.updates.readRecordsToList();

        List<KeyValue<String, MetricRecord>> updates = harness.rollupUpdates.readKeyValuesToList();
        MetricRecord icUpdate = updates.stream().filter(kv -> kv.key.equals(key(Scope.INDUSTRY_CHAIN, "IC")))
                .reduce((a, b) -> b).orElseThrow().value;
        assertTrue(icUpdate.getSuppressed(), "updates are suppressed too");

        closeTenOClock("E3");
        List<KeyValue<String, MetricRecord>> finals = finalsOfTen(harness.rollupFinals);
        assertEquals(List.of(key(Scope.INDUSTRY_CHAIN, "IC"), key(Scope.INDUSTRY_CHAIN, "SW"), key(Scope.REGION, "HZ"),
                key(Scope.PROVINCE, "ZJ")), keys(finals));
        MetricRecord ic = finals.get(0).value;
        // Then IC keeps its count and the completeness fields; every other indicator is null
        assertTrue(ic.getSuppressed());
        assertEquals(2, ic.getEnterprises());
        for (String indicator : IndicatorFields.ALL) {
            if (!indicator.equals("enterprises")) {
                assertEquals(null, ic.get(indicator), indicator);
            }
        }
        assertFields(ic, fields("final", true, "duplicatesDropped", 1L, "lateEventsInGrace", 0L, "lastEventTime", at("10:10:00")));
        assertTrue(ic.getTargetGaps().isEmpty());
        assertFields(finals.get(1).value, fields("suppressed", false, "enterprises", 3, "addedValueCny", 3_000.0, "availability", 0.5));
        assertFields(finals.get(2).value, fields("suppressed", false, "enterprises", 5, "addedValueCny", 5_000.0));
        // and IC's enterprises get no percentiles; SW's get theirs, but none for availability (2 values)
        Map<String, Map<String, Double>> percentiles = new TreeMap<>();
        harness.finals.readValuesToList().forEach(f -> percentiles.put(f.getScopeId(), f.getChainPercentiles()));
        assertEquals(Map.of(), percentiles.get("E1"));
        assertEquals(Map.of(), percentiles.get("E2"));
        // three equal labour productivities and digitization ratios: all rank 100
        Map<String, Double> tied = Map.of("annualizedLaborProductivity", 100.0, "digitizedProcessRatio", 100.0);
        assertEquals(tied, percentiles.get("E3"));
        assertEquals(tied, percentiles.get("E4"));
        assertEquals(tied, percentiles.get("E5"));
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }

    @Test
    void chainPercentilesArePercentsOfPeersAtOrBelowAndSkipEnterprisesWithoutAValue() {
        start(settings -> settings);
        for (String e : List.of("E1", "E2", "E3", "E4")) {
            harness.enterprise(Events.enterprise(e, "IC", "HZ", true, 100));
        }
        // annualized: 10,000 / 100 * 0.876 = 87.6; 175.2; 175.2; 350.4
        harness.production(Events.batch("B1", "E1", at("10:10:00"), 0, 10_000));
        harness.production(Events.batch("B2", "E2", at("10:10:00"), 0, 20_000));
        harness.production(Events.batch("B3", "E3", at("10:10:00"), 0, 20_000));
        harness.production(Events.batch("B4", "E4", at("10:10:00"), 0, 40_000));
        // availability: E1 1.0, E2 0.5, E3 none (no telemetry), E4 0.0
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:20:00"), MachineState.RUNNING, 600, 0, 0, 0, false, false));
        harness.telemetry(Events.sample("D2", "E2", 1, at("10:20:00"), MachineState.RUNNING, 300, 0, 0, 0, false, false));
        harness.telemetry(Events.sample("D2", "E2", 2, at("10:25:00"), MachineState.IDLE, 300, 0, 0, 0, false, false));
        harness.telemetry(Events.sample("D4", "E4", 1, at("10:20:00"), MachineState.DOWN, 600, 0, 0, 0, false, false));
        // digitizedProcessRatio: E1 8/8, E2 4/8, E3 and E4 0
        digitized("E1", 8, Hosting.ON_PREMISES, at("10:30:00"));
        digitized("E2", 4, Hosting.ON_PREMISES, at("10:30:00"));
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();

        closeTenOClock("E1");

        List<MetricRecord> finals = harness.finals.readValuesToList();
        assertEquals(List.of("E1", "E2", "E3", "E4"), finals.stream().map(MetricRecord::getScopeId).toList());
        assertEquals(Map.of("annualizedLaborProductivity", 25.0, "availability", 100.0, "digitizedProcessRatio", 100.0),
                finals.get(0).getChainPercentiles());
        assertEquals(Map.of("annualizedLaborProductivity", 75.0, "availability", 200.0 / 3, "digitizedProcessRatio", 75.0),
                finals.get(1).getChainPercentiles());
        assertEquals(Map.of("annualizedLaborProductivity", 75.0, "digitizedProcessRatio", 50.0), finals.get(2).getChainPercentiles());
        assertEquals(Map.of("annualizedLaborProductivity", 100.0, "availability", 100.0 / 3, "digitizedProcessRatio", 50.0),
                finals.get(3).getChainPercentiles());
        // the ENTERPRISE final continues its update sequence: E1 had 1 + 1 + 8 updates, the final is revision 11
        assertEquals(11, finals.get(0).getRevision());
        assertFalse(finals.get(0).getSuppressed());
        harness.rollupFinals.readRecordsToList();
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }

    @Test
    void eachRollUpGetsExactlyOneFinalWhateverArrivesAfterIt() {
        start(settings -> settings.withMinGroupSize(1));
        harness.enterprise(Events.enterprise("E1", "IC", "HZ", true, 100));
        harness.enterprise(Events.enterprise("E2", "SW", "NB", true, 100));
        // Given records in the 08:00, 09:00 and 10:00 windows
        for (String hour : List.of("08", "09", "10")) {
            harness.production(Events.batch("B1-" + hour, "E1", at(hour + ":10:00"), 0, 1_000));
            harness.production(Events.batch("B2-" + hour, "E2", at(hour + ":20:00"), 0, 2_000));
        }
        // When stream time moves on in steps, with late events, a late resend and a late-in-grace event between
        harness.production(Events.batch("B1-late", "E1", at("10:59:00"), 0, 500));
        harness.telemetry(Events.sample("D1", "E1", 1, at("11:05:00")));
        harness.production(Events.batch("B2-grace", "E2", at("10:55:00"), 0, 100));
        byte[] late = harness.production(Events.batch("B2-late", "E2", at("08:30:00"), 0, 100));
        byte[] resend = harness.production(Events.batch("B1-08", "E1", at("08:10:00"), 0, 1_000));
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:10:00")));
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:20:00")));

        // Then every roll-up of 08:00, 09:00 and 10:00 has exactly one final, and so has every enterprise
        List<String> rollupFinals = keys(harness.rollupFinals.readKeyValuesToList());
        assertEquals(15, rollupFinals.size(), () -> "finals: " + rollupFinals);
        assertEquals(rollupFinals.size(), rollupFinals.stream().distinct().count(), () -> "finals: " + rollupFinals);
        for (String hour : List.of("08", "09", "10")) {
            String start = "2026-03-01T" + hour + ":00:00Z";
            for (String scopeKey : List.of("INDUSTRY_CHAIN:IC:", "INDUSTRY_CHAIN:SW:", "REGION:HZ:", "REGION:NB:", "PROVINCE:ZJ:")) {
                assertTrue(rollupFinals.contains(scopeKey + start), scopeKey + start);
            }
        }
        List<String> enterpriseFinals = keys(harness.finals.readKeyValuesToList());
        assertEquals(6, enterpriseFinals.size(), () -> "finals: " + enterpriseFinals);
        assertEquals(6, enterpriseFinals.stream().distinct().count());
        harness.assertNextDeadLetter(EnterpriseMetricsHarness.utf8("E2"), late, DeadLetterReason.LATE, harness.topics.production(), 8);
        harness.assertNextDeadLetter(EnterpriseMetricsHarness.utf8("E1"), resend, DeadLetterReason.LATE, harness.topics.production(), 9);
        harness.updates.readRecordsToList();
        harness.rollupUpdates.readRecordsToList();
    }
}
