package io.industrybrain.streams.topology;

import static io.industrybrain.streams.topology.EnterpriseMetricsHarness.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The whole topology with more than one intake task: the driver's own intake is task 0 (it reads partition
 * 0 of every event topic), and the test delivers task 1's events and markers to the window stage directly.
 * Windows of 1 h with 10 min grace: a 10:00 window closes when stream time reaches 11:10. The wall clock is
 * 12:00, so no event is dated later than 12:05 (INVALID).
 */
class IntakeWatermarksTest {

    private static final String E1_0800 = "ENTERPRISE:E1:2026-03-01T08:00:00Z";
    private static final String E1_0900 = "ENTERPRISE:E1:2026-03-01T09:00:00Z";
    private static final String E1_1000 = "ENTERPRISE:E1:2026-03-01T10:00:00Z";
    private static final String E1_1100 = "ENTERPRISE:E1:2026-03-01T11:00:00Z";
    private static final String E2_0800 = "ENTERPRISE:E2:2026-03-01T08:00:00Z";
    private static final String E2_1000 = "ENTERPRISE:E2:2026-03-01T10:00:00Z";

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;
    private String telemetry;

    @AfterEach
    void outcomesBalanceAfterEveryTest() {
        harness.closeAfterCheckingOutcomes();
    }

    private void start(int intakeTasks) {
        harness = new EnterpriseMetricsHarness(stateDir, settings -> settings.withIntakeTasks(intakeTasks));
        telemetry = harness.topics.telemetry();
        harness.enterprise(Events.enterprise("E1", true, 100));
        harness.enterprise(Events.enterprise("E2", false, 10));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    @Test
    void aFastIntakeTaskDoesNotMakeTheSlowTasksTimelyEventsLateAndTheFinalWaitsForTheSlowTask() {
        start(2);
        // Given task 0 has raced ahead to 11:30 (the wall clock is 12:00)
        harness.telemetry(Events.sample("D1", "E1", 1, at("08:05:00")));
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:30:00")));
        // When task 1 delivers E2's samples of the 08:00 window
        harness.admitAsIntakeTask(1, telemetry, "D9", Events.sample("D9", "E2", 1, at("08:20:00")), 0);
        harness.admitAsIntakeTask(1, telemetry, "D9", Events.sample("D9", "E2", 2, at("08:50:00")), 1);
        // Then they are counted, not LATE, and no window has closed
        assertEquals(List.of(E1_0800 + "#1", E1_1100 + "#1", E2_0800 + "#1", E2_0800 + "#2"),
                keysAndRevisions(harness.updates.readKeyValuesToList()));
        assertTrue(harness.deadLetters.isEmpty());
        // When task 1 reports 09:05, the 08:00 windows still wait
        harness.markerOfIntakeTask(1, at("09:05:00"), false);
        assertTrue(harness.finals.isEmpty());
        // and when it reports 09:10 they close, on the marker alone
        harness.markerOfIntakeTask(1, at("09:10:00"), false);
        List<KeyValue<String, MetricRecord>> finals = harness.finals.readKeyValuesToList();
        assertEquals(List.of(E1_0800 + "#2", E2_0800 + "#3"), keysAndRevisions(finals));
        assertEquals(at("08:50:00"), finals.get(1).value.getLastEventTime());
        assertEquals(0, finals.get(1).value.getLateEventsInGrace());
        // Then an E2 sample of 08:55 from task 1 arrived after its window closed: LATE, from partition 1
        byte[] late = harness.admitAsIntakeTask(1, telemetry, "D9", Events.sample("D9", "E2", 3, at("08:55:00")), 2);
        harness.assertNextDeadLetter(utf8("D9"), late, DeadLetterReason.LATE, telemetry, 1, 2);
        assertNothingElse();
        assertEquals(4, harness.counters.snapshot(telemetry).accepted());
    }

    @Test
    void anIntakeTaskNeverHeardFromHoldsEveryFinalBackUntilItSaysItIsIdle() {
        start(2);
        // Given task 0 at 11:00 and not a word from task 1
        harness.telemetry(Events.sample("D1", "E1", 1, at("08:05:00")));
        harness.telemetry(Events.sample("D1", "E1", 2, at("09:30:00")));
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:00:00")));
        // When an 08:40 sample arrives, and task 0's marker too
        harness.telemetry(Events.sample("D2", "E1", 1, at("08:40:00")));
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        // Then the sample counts in the open 08:00 window and nothing is final
        List<KeyValue<String, MetricRecord>> updates = harness.updates.readKeyValuesToList();
        assertEquals(List.of(E1_0800 + "#1", E1_0900 + "#1", E1_1100 + "#1", E1_0800 + "#2"), keysAndRevisions(updates));
        assertEquals(2L, updates.get(3).value.getActiveDevices());
        assertTrue(harness.finals.isEmpty());
        // When task 1 says it is idle, having admitted nothing, stream time is task 0's 11:00
        harness.markerOfIntakeTask(1, null, true);
        // Then the 08:00 and 09:00 windows close (at 09:10 and 10:10); the 11:00 one stays open
        assertEquals(List.of(E1_0800 + "#3", E1_0900 + "#2"), keysAndRevisions(harness.finals.readKeyValuesToList()));
        assertNothingElse();
    }

    @Test
    void anIntakeTaskStarvedWithInputLeftHoldsTheWindowsHoweverLongAndOnlyACaughtUpOneGoesIdle() {
        start(2);
        // Given task 0 (the driver's intake) at 10:05 and task 1 at 11:15
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        harness.admitAsIntakeTask(1, telemetry, "D9", Events.sample("D9", "E2", 1, at("10:10:00")), 0);
        harness.admitAsIntakeTask(1, telemetry, "D9", Events.sample("D9", "E2", 2, at("11:15:00")), 1);
        assertEquals(3, harness.updates.readValuesToList().size());
        // When task 0 admits nothing for ten minutes while its partitions still hold records, its markers hold the
        // 10:00 windows open and change nothing else
        harness.caughtUp(0, false);
        for (int second = 1; second <= 600; second++) {
            harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertNothingElse();
        // When its partitions are caught up (the harness answers for all time, so they are released at once; how long a
        // real answer must show it is ProgressAnnouncerTest's), having admitted nothing for ten minutes it is idle at
        // its next marker: stream time is task 1's 11:15, and the 10:00 windows close
        harness.caughtUp(0, true);
        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertEquals(List.of(E1_1000 + "#2", E2_1000 + "#2"), keysAndRevisions(harness.finals.readKeyValuesToList()));
        // Then task 0's next event, of the closed 10:00 window, is LATE
        byte[] late = harness.telemetry(Events.sample("D1", "E1", 2, at("10:30:00")));
        harness.assertNextDeadLetter(utf8("D1"), late, DeadLetterReason.LATE, telemetry, 0, 1);
        // and one of 11:20 counts, in an open window, without closing anything: task 0 is waited for again
        harness.telemetry(Events.sample("D1", "E1", 3, at("11:20:00")));
        MetricRecord update = harness.updates.readValue();
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), update.getWindowStart());
        assertEquals(0, update.getLateEventsInGrace());
        assertNothingElse();
    }

    @Test
    void withOneIntakeTaskMarkersAndIdlenessChangeNothing() {
        start(1);
        harness.telemetry(Events.sample("D1", "E1", 1, at("10:05:00")));
        assertEquals(1, harness.updates.readValuesToList().size());
        // When the intake task, caught up, sends markers for a minute, going idle after 5 s
        harness.caughtUp(0, true);
        for (int second = 0; second < 60; second++) {
            harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertNothingElse();
        // Then windows close on events, exactly as with stream time the highest eventTime received
        harness.telemetry(Events.sample("D1", "E1", 2, at("11:10:00")));
        assertEquals(List.of(E1_1000 + "#2"), keysAndRevisions(harness.finals.readKeyValuesToList()));
        byte[] late = harness.telemetry(Events.sample("D2", "E1", 1, at("10:30:00")));
        harness.assertNextDeadLetter(utf8("D2"), late, DeadLetterReason.LATE, telemetry, 2);
        assertEquals(1, harness.updates.readValuesToList().size());
        assertNothingElse();
    }

    private void assertNothingElse() {
        assertTrue(harness.deadLetters.isEmpty(), "no further dead letters");
        assertTrue(harness.updates.isEmpty(), "no further updates");
        assertTrue(harness.finals.isEmpty(), "no further finals");
        harness.assertOutcomesBalance();
    }

    private static List<String> keysAndRevisions(List<KeyValue<String, MetricRecord>> records) {
        return records.stream().map(kv -> kv.key + "#" + kv.value.getRevision()).toList();
    }
}
