package io.industrybrain.streams.topology;

import static io.industrybrain.schema.MachineState.DOWN;
import static io.industrybrain.schema.MachineState.IDLE;
import static io.industrybrain.schema.MachineState.MAINTENANCE;
import static io.industrybrain.schema.MachineState.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the contract's worked example, end to end, every field of the final record checked against the text. */
class WorkedExampleTest {

    private static final double EXACT = 1e-9;

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    @BeforeEach
    void start() {
        harness = new EnterpriseMetricsHarness(stateDir);
    }

    @AfterEach
    void outcomesBalanceAfterEveryTest() {
        harness.closeAfterCheckingOutcomes();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    @Test
    void theWorkedExampleGivesTheDocumentedFinalRecord() {
        // Given E1, above scale with 100 employees, and E2, whose later event will close the window
        harness.enterprise(Events.enterprise("E1", true, 100));
        harness.enterprise(Events.enterprise("E2", false, 10));

        // When the example's events arrive in the example's order (17 records, one a duplicate)
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00"), RUNNING, 600, 50, 2, 3.0, true, false));
        harness.telemetry(Events.sample("D1", "E1", 2, at("10:15:00"), IDLE, 600, 0, 0, 0.5, true, true));
        harness.telemetry(Events.sample("D1", "E1", 2, at("10:15:00"), IDLE, 600, 0, 0, 0.5, true, true));
        harness.telemetry(Events.sample("D2", "E1", 7, at("10:20:00"), DOWN, 300, 0, 0, 0.2, false, false));
        harness.telemetry(Events.sample("D2", "E1", 6, at("10:25:00"), RUNNING, 300, 20, 1, 1.0, true, true));
        harness.telemetry(Events.sample("D3", "E1", 1, at("10:30:00"), MAINTENANCE, 600, 0, 0, 0.1, true, true));
        harness.production(Events.batch("B1", "E1", at("10:40:00"), 80_000, 20_000));
        harness.production(Events.batch("B2", "E1", at("10:50:00"), 40_000, 10_000));
        harness.shift(Events.shift("S1", "E1", at("10:59:00"), 30, 8));
        KeyProcess[] processes = KeyProcess.values();
        for (int i = 0; i < processes.length; i++) {
            Hosting hosting = i == 0 ? Hosting.PUBLIC_CLOUD : Hosting.ON_PREMISES;
            harness.heartbeat(Events.heartbeat("E1", processes[i], hosting, true, at("10:0" + i + ":30")));
        }
        // and stream time reaches the window's end + grace (11:00 + 10 min)
        harness.telemetry(Events.sample("D9", "E2", 1, at("11:10:00")));

        // Then exactly one final record for E1's 10:00 window, with the example's values
        List<KeyValue<String, MetricRecord>> finals = harness.finals.readKeyValuesToList();
        assertEquals(1, finals.size(), () -> "finals: " + finals);
        assertEquals("ENTERPRISE:E1:2026-03-01T10:00:00Z", finals.get(0).key);
        MetricRecord last = finals.get(0).value;
        assertEquals(Scope.ENTERPRISE, last.getScope());
        assertEquals("E1", last.getScopeId());
        assertEquals(at("10:00:00"), last.getWindowStart());
        assertEquals(at("11:00:00"), last.getWindowEnd());
        assertEquals(1, last.getEnterprises());
        assertEquals(1L, last.getAboveScaleEnterprises());
        assertEquals(100L, last.getEmployees());
        assertEquals(30_000.0, last.getAddedValueCny(), EXACT);
        assertEquals(120_000.0, last.getOutputValueCny(), EXACT);
        assertEquals(240.0, last.getWorkerHours(), EXACT);
        assertEquals(125.0, last.getLaborProductivityPerWorkerHour(), EXACT);
        // 30,000 / 100 x 8,760 h / 1 h / 10,000
        assertEquals(262.8, last.getAnnualizedLaborProductivity(), EXACT);
        assertEquals(3L, last.getActiveDevices());
        // last samples: D1 seq 2 (NC, cloud), D2 seq 7 (neither), D3 seq 1 (NC, cloud)
        assertEquals(2L, last.getNcDevices());
        assertEquals(2L, last.getCloudDevices());
        assertEquals(2.0 / 3.0, last.getNcRatio(), EXACT);
        assertEquals(2.0 / 3.0, last.getDeviceCloudRatio(), EXACT);
        assertEquals(70L, last.getGoodUnits());
        assertEquals(3L, last.getDefectUnits());
        assertEquals(70.0 / 73.0, last.getQualityRate(), EXACT);
        assertEquals(900L, last.getRunningSeconds());
        assertEquals(600L, last.getIdleSeconds());
        assertEquals(300L, last.getDownSeconds());
        assertEquals(0.5, last.getAvailability(), EXACT);
        assertEquals(4.8, last.getEnergyKwh(), EXACT);
        // 4.8 kWh / (30,000 CNY / 10,000)
        assertEquals(1.6, last.getEnergyIntensity(), EXACT);
        assertEquals(8L, last.getDigitizedProcesses());
        assertEquals(1.0, last.getDigitizedProcessRatio(), EXACT);
        assertEquals(1L, last.getFullyDigitizedEnterprises());
        assertEquals(1L, last.getFullyDigitizedAboveScale());
        assertEquals(1L, last.getOnCloudEnterprises());
        assertEquals(1.0, last.getCloudAdoptionRate(), EXACT);
        assertEquals(1.0, last.getFullyDigitizedRate(), EXACT);
        assertEquals(0L, last.getSmartFactoryEnterprises(), "ncRatio 0.67 is below 0.7");
        assertEquals(Map.of(), last.getChainPercentiles());
        assertEquals(Map.of(), last.getTargetGaps());
        assertFalse(last.getSuppressed());
        assertEquals(1, last.getDuplicatesDropped());
        assertEquals(0, last.getLateEventsInGrace());
        assertEquals(at("10:59:00"), last.getLastEventTime(), "the shift is the latest event counted");
        assertEquals(EnterpriseMetricsHarness.WALL_CLOCK, last.getEmittedAt());
        assertTrue(last.getFinal$());
        // one update per input record of E1 (17, the duplicate included), the final continues the sequence
        assertEquals(18, last.getRevision());

        // and the updates of E1 count 1..17 and end with the final's values, not final
        List<KeyValue<String, MetricRecord>> updates = harness.updates.readKeyValuesToList();
        List<MetricRecord> e1 = updates.stream().filter(u -> u.key.equals("ENTERPRISE:E1:2026-03-01T10:00:00Z")).map(u -> u.value).toList();
        assertEquals(17, e1.size());
        for (int i = 0; i < e1.size(); i++) {
            assertEquals(i + 1, e1.get(i).getRevision());
            assertFalse(e1.get(i).getFinal$());
        }
        // the last update was covered up to the shift at 10:59, the final covers the hour:
        // 30,000 / 100 x 8,760 h / (59/60 h) / 10,000 = 267.254...
        assertEquals(at("10:59:00"), e1.get(16).getCoveredUntil());
        assertEquals(30_000.0 / 100 * 8_760 / (59.0 / 60) / 10_000, e1.get(16).getAnnualizedLaborProductivity(), 1e-9);
        assertEquals(at("11:00:00"), last.getCoveredUntil());
        MetricRecord lastUpdate = MetricRecord.newBuilder(e1.get(16)).setRevision(18).setFinal$(true)
                .setCoveredUntil(last.getCoveredUntil()).setAnnualizedLaborProductivity(last.getAnnualizedLaborProductivity()).build();
        assertEquals(last, lastUpdate);
        // plus the one update of E2's 11:00 window, which stays open
        assertEquals(List.of("ENTERPRISE:E2:2026-03-01T11:00:00Z"),
                updates.stream().map(u -> u.key).filter(k -> !k.contains(":E1:")).toList());
        assertTrue(harness.deadLetters.isEmpty());
        assertTrue(harness.finals.isEmpty());
        harness.assertOutcomesBalance();
        assertEquals(1, harness.counters.snapshot(harness.topics.telemetry()).duplicates());
    }
}
