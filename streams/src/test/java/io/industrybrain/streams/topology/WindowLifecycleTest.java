package io.industrybrain.streams.topology;

import static io.industrybrain.streams.topology.EnterpriseMetricsHarness.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicates, arrival order, lateness, revisions and the one final record of a window. */
class WindowLifecycleTest {

    private static final String E1_1000 = "ENTERPRISE:E1:2026-03-01T10:00:00Z";

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    @AfterEach
    void outcomesBalanceAfterEveryTest() {
        harness.closeAfterCheckingOutcomes();
    }

    private void start(java.util.function.UnaryOperator<TopologySettings> settings) {
        harness = new EnterpriseMetricsHarness(stateDir, settings);
        harness.enterprise(Events.enterprise("E1", true, 100));
        harness.enterprise(Events.enterprise("E2", false, 10));
    }

    private void start() {
        start(settings -> settings);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    @Test
    void aDuplicateAfterTheFirstUpdateCountsOnceAndRaisesDuplicatesDropped() {
        start();
        // Given a sample of D1 whose update has been emitted
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00"), MachineState.RUNNING, 600, 50, 2, 3.0, true, false));
        MetricRecord first = harness.updates.readValue();
        assertEquals(50L, first.getGoodUnits());
        // When the gateway resends it
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00"), MachineState.RUNNING, 600, 50, 2, 3.0, true, false));
        // Then the next revision counts it as a dropped duplicate, and nothing else changes
        MetricRecord second = harness.updates.readValue();
        assertEquals(2, second.getRevision());
        assertEquals(1, second.getDuplicatesDropped());
        assertEquals(50L, second.getGoodUnits());
        assertEquals(600L, second.getRunningSeconds());
        assertEquals(3.0, second.getEnergyKwh(), 1e-9);
        assertTrue(harness.updates.isEmpty());
        assertEquals(1, harness.counters.snapshot(harness.topics.telemetry()).duplicates());
        harness.assertOutcomesBalance();
    }

    @Test
    void aDuplicateBeforeAnyUpdateWasEmittedIsFoldedIntoTheFirstUpdate() {
        // Given updates coalesced per second
        start(settings -> settings.withUpdateInterval(Duration.ofSeconds(1)));
        // When a batch and its resend arrive within one interval
        harness.production(Events.batch("B1", "E1", at("10:40:00"), 80_000, 20_000));
        harness.production(Events.batch("B1", "E1", at("10:40:00"), 80_000, 20_000));
        assertTrue(harness.updates.isEmpty(), "nothing before the interval has passed");
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        // Then one update counts the batch once and the resend as a duplicate
        List<MetricRecord> updates = harness.updates.readValuesToList();
        assertEquals(1, updates.size());
        assertEquals(1, updates.get(0).getRevision());
        assertEquals(20_000.0, updates.get(0).getAddedValueCny(), 1e-9);
        assertEquals(1, updates.get(0).getDuplicatesDropped());
        harness.assertOutcomesBalance();
    }

    @Test
    void shiftResendsAreDuplicatesButTheSameIdOfAnotherEnterpriseIsNot() {
        start();
        harness.shift(Events.shift("S1", "E1", at("10:59:00"), 30, 8));
        harness.shift(Events.shift("S1", "E1", at("10:59:00"), 30, 8));
        harness.shift(Events.shift("S1", "E2", at("10:59:00"), 5, 8));
        List<KeyValue<String, MetricRecord>> updates = harness.updates.readKeyValuesToList();
        assertEquals(3, updates.size());
        MetricRecord e1 = updates.get(1).value;
        assertEquals(240.0, e1.getWorkerHours(), 1e-9);
        assertEquals(1, e1.getDuplicatesDropped());
        MetricRecord e2 = updates.get(2).value;
        assertEquals("ENTERPRISE:E2:2026-03-01T10:00:00Z", updates.get(2).key);
        assertEquals(40.0, e2.getWorkerHours(), 1e-9);
        assertEquals(0, e2.getDuplicatesDropped());
        harness.assertOutcomesBalance();
    }

    @Test
    void theLastSampleOfADeviceIsItsHighestSeqNotTheLastToArrive() {
        start();
        // Given seq 7 (not NC, not cloud) arrives before seq 6 (NC, cloud)
        harness.telemetry(Events.sample("D2", "E1", 7, at("10:20:00"), MachineState.DOWN, 300, 0, 0, 0.2, false, false));
        harness.telemetry(Events.sample("D2", "E1", 6, at("10:25:00"), MachineState.RUNNING, 300, 20, 1, 1.0, true, true));
        // Then the device counts by seq 7, while seq 6's units and seconds still count
        MetricRecord update = harness.updates.readValuesToList().get(1);
        assertEquals(1L, update.getActiveDevices());
        assertEquals(0L, update.getNcDevices());
        assertEquals(0L, update.getCloudDevices());
        assertEquals(0.0, update.getNcRatio(), 1e-9);
        assertEquals(20L, update.getGoodUnits());
        assertEquals(300L, update.getRunningSeconds());
        assertEquals(300L, update.getDownSeconds());
        // and lastEventTime is the latest eventTime counted, 10:25, though it arrived with the older seq
        assertEquals(at("10:25:00"), update.getLastEventTime());
    }

    @Test
    void aLateEventInGraceChangesTheUpdateAndTheFinalAndIsCountedAsLate() {
        start();
        // Given the 10:00 window has a sample and stream time is at 11:05 (past its end, within grace)
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00"), MachineState.RUNNING, 600, 50, 0, 1.0, true, true));
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:05:00")));
        harness.updates.readValuesToList();
        // When a 10:50 sample arrives
        harness.telemetry(Events.sample("D2", "E1", 1, at("10:50:00"), MachineState.RUNNING, 600, 30, 0, 1.0, true, true));
        // Then the window's update counts it and marks it late in grace
        KeyValue<String, MetricRecord> update = harness.updates.readKeyValue();
        assertEquals(E1_1000, update.key);
        assertEquals(2, update.value.getRevision());
        assertEquals(80L, update.value.getGoodUnits());
        assertEquals(2L, update.value.getActiveDevices());
        assertEquals(1, update.value.getLateEventsInGrace());
        // and when stream time reaches 11:10 the final carries it too, as revision 3
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:10:00")));
        KeyValue<String, MetricRecord> last = harness.finals.readKeyValue();
        assertEquals(E1_1000, last.key);
        assertEquals(3, last.value.getRevision());
        assertEquals(80L, last.value.getGoodUnits());
        assertEquals(1, last.value.getLateEventsInGrace());
        assertEquals(at("10:50:00"), last.value.getLastEventTime());
        assertTrue(harness.finals.isEmpty());
        assertTrue(harness.deadLetters.isEmpty());
        harness.assertOutcomesBalance();
    }

    @Test
    void aWindowGetsExactlyOneFinalWhateverArrivesAfterIt() {
        start();
        // Given E1's 10:00 window closed by a sample at 11:10
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:10:00")));
        assertEquals(List.of(E1_1000), harness.finals.readKeyValuesToList().stream().map(kv -> kv.key).toList());
        harness.updates.readKeyValuesToList();
        // When more arrives: a late sample of that window, a duplicate of it, and samples that move stream time on
        byte[] late = harness.telemetry(Events.sample("D3", "E1", 1, at("10:30:00")));
        byte[] lateResend = harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:30:00")));
        harness.telemetry(Events.sample("D1", "E1", 4, at("11:59:00")));
        // Then the late ones are dead letters, and no second final appears for 10:00
        harness.assertNextDeadLetter(utf8("D3"), late, DeadLetterReason.LATE, harness.topics.telemetry(), 2);
        harness.assertNextDeadLetter(utf8("D1"), lateResend, DeadLetterReason.LATE, harness.topics.telemetry(), 3);
        assertTrue(harness.deadLetters.isEmpty());
        assertTrue(harness.finals.isEmpty());
        assertTrue(harness.updates.readKeyValuesToList().stream().noneMatch(kv -> kv.key.equals(E1_1000)));
        harness.assertOutcomesBalance();
    }

    @Test
    void revisionsCountEveryUpdateOfAWindowSeparatelyPerWindowAndEnterprise() {
        start();
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.telemetry(Events.sample("D9", "E2", 1, at("10:06:00")));
        harness.telemetry(Events.sample("D1", "E1", 2, at("10:07:00")));
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:01:00")));
        harness.telemetry(Events.sample("D1", "E1", 4, at("10:08:00")));
        List<KeyValue<String, MetricRecord>> updates = harness.updates.readKeyValuesToList();
        assertEquals(List.of(
                        E1_1000 + "#1", "ENTERPRISE:E2:2026-03-01T10:00:00Z#1", E1_1000 + "#2",
                        "ENTERPRISE:E1:2026-03-01T11:00:00Z#1", E1_1000 + "#3"),
                updates.stream().map(kv -> kv.key + "#" + kv.value.getRevision()).toList());
    }

    @Test
    void coalescedUpdatesEmitOnePerWindowAndIntervalAndAPendingUpdateBeforeTheFinal() {
        start(settings -> settings.withUpdateInterval(Duration.ofSeconds(1)));
        // Given three samples within one interval
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.telemetry(Events.sample("D2", "E1", 1, at("10:06:00")));
        harness.telemetry(Events.sample("D3", "E1", 1, at("10:07:00")));
        // When the interval passes
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        // Then one update with all three
        List<MetricRecord> first = harness.updates.readValuesToList();
        assertEquals(1, first.size());
        assertEquals(3L, first.get(0).getActiveDevices());
        assertEquals(1, first.get(0).getRevision());
        // and an interval with no change emits nothing
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertTrue(harness.updates.isEmpty());
        // When a fourth sample arrives and, before the next interval, one at 11:10 closes the window
        harness.telemetry(Events.sample("D4", "E1", 1, at("10:08:00")));
        harness.telemetry(Events.sample("D4", "E1", 2, at("11:10:00")));
        // Then the pending update (revision 2) is emitted before the final (revision 3)
        MetricRecord pending = harness.updates.readValue();
        assertEquals(2, pending.getRevision());
        assertEquals(4L, pending.getActiveDevices());
        MetricRecord last = harness.finals.readValue();
        assertEquals(3, last.getRevision());
        assertEquals(4L, last.getActiveDevices());
        assertTrue(harness.finals.isEmpty());
        // and the 11:00 window's update waits for the interval
        assertTrue(harness.updates.isEmpty());
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals("ENTERPRISE:E1:2026-03-01T11:00:00Z", harness.updates.readKeyValue().key);
        assertTrue(harness.updates.isEmpty());
        harness.assertOutcomesBalance();
    }

    @Test
    void anEnterpriseWithoutEventsInAWindowHasNoRecordThere() {
        start();
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:55:00")));
        // 11:55 closes the 10:00 window only; E2 had no event, so it has no record at all
        List<KeyValue<String, MetricRecord>> finals = harness.finals.readKeyValuesToList();
        assertEquals(List.of(E1_1000), finals.stream().map(kv -> kv.key).toList());
        assertNull(harness.updates.readKeyValuesToList().stream().filter(kv -> kv.key.contains(":E2:")).findAny().orElse(null));
    }
}
