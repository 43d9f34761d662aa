package io.industrybrain.streams.topology.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.Routed;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.progress.SourceProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Stream time as a low watermark over the intake tasks: the gate alone, on an in-memory progress store,
 * fed events and markers as if from several intake tasks. Windows of 1 h with 10 min grace: the 10:00
 * window closes when stream time reaches 11:10.
 */
class LateEventGateTest {

    private static final String TELEMETRY = "brain.telemetry";

    private final WindowGeometry windows = new WindowGeometry(Duration.ofHours(1), Duration.ofMinutes(10));
    private final OutcomeCounters counters = new OutcomeCounters();
    private final KeyValueStore<Integer, ProgressMarker> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TopologyNames.WINDOW_PROGRESS_STORE), Serdes.Integer(),
            InternalAvroSerde.of(ProgressMarker.class)).withLoggingDisabled().build();
    private final KeyValueStore<String, Long> outcomes = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TopologyNames.WINDOW_OUTCOMES_STORE), Serdes.String(), Serdes.Long())
            .withLoggingDisabled().build();
    private MockProcessorContext<String, Routed<WindowInput>> context;
    private LateEventGate gate;
    private long offset;
    /** The stream time the gate last passed on. */
    private long streamTime = SourceProgress.NONE;

    private void start(int intakeTasks) {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        if (!outcomes.isOpen()) {
            outcomes.init(context.getStateStoreContext(), outcomes);
        }
        context.addStateStore(outcomes);
        gate = new LateEventGate(windows, counters, intakeTasks, Duration.ofSeconds(5));
        gate.init(context);
    }

    @Test
    void anEventMovesStreamTimeToItsIntakeTasksProgressNotToItsOwnTime() {
        start(1);
        // Given task 0's heartbeat partition has run ahead to 12:30 while its telemetry partition is at 10:05
        send(event(0, "12:30:00", "10:05:00"));
        assertEquals(at("10:05:00"), streamTime());
        // Then the telemetry still to come for the 10:00 window is counted
        assertTrue(send(event(0, "10:50:00", "10:50:00")) instanceof Routed.Pass<?>);
        assertEquals(0, counters.snapshot(TELEMETRY).deadLettered(DeadLetterReason.LATE));
    }

    @Test
    void aFastIntakeTaskDoesNotMakeTheSlowTasksTimelyEventsLate() {
        start(2);
        // Given task 0 has raced ahead to 12:30 while task 1 has not reported yet
        send(event(0, "10:05:00"));
        send(event(0, "12:30:00"));
        assertEquals(SourceProgress.NONE, streamTime());
        // When task 1 delivers its events of the 10:00 window
        Routed<WindowInput> first = send(event(1, "10:20:00"));
        Routed<WindowInput> second = send(event(1, "10:58:00"));
        // Then they are counted, not late in grace either, and stream time is task 1's progress
        assertEquals(List.of(false, false), List.of(passed(first).lateInGrace(), passed(second).lateInGrace()));
        assertEquals(at("10:58:00"), streamTime());
        // When task 1's marker says 11:09:59, the 10:00 window is still open: a 10:59 event is late in grace only
        assertEquals(new StreamTimeAdvanced(at("11:09:59")), advanced(send(marker(1, "11:09:59", false))));
        assertTrue(passed(send(event(1, "10:59:00"))).lateInGrace());
        // and when it says 11:10 the window closes, without any event, and a 10:40 event of task 0 is LATE
        assertEquals(new StreamTimeAdvanced(at("11:10:00")), advanced(send(marker(1, "11:10:00", false))));
        Routed.Dead<?> late = assertInstanceOf(Routed.Dead.class, send(event(0, "10:40:00")));
        assertEquals(DeadLetterReason.LATE.name(), header(late, DeadLetterHeaders.REASON));
        assertEquals(1, counters.snapshot(TELEMETRY).deadLettered(DeadLetterReason.LATE));
    }

    @Test
    void aTaskNeverHeardFromHoldsEveryWindowOpenUntilItSaysItIsIdle() {
        start(2);
        // Given task 0 at 13:00, by events and by its marker, and nothing from task 1
        send(event(0, "10:05:00"));
        send(event(0, "13:00:00"));
        assertTrue(sendAll(marker(0, "13:00:00", false)).isEmpty(), "stream time did not move");
        // Then a 10:10 event of task 0 still counts, as no window has closed
        assertEquals(false, passed(send(event(0, "10:10:00"))).lateInGrace());
        assertEquals(SourceProgress.NONE, streamTime());
        // When task 1 says it is idle without ever having admitted anything, stream time is task 0's
        assertEquals(new StreamTimeAdvanced(at("13:00:00")), advanced(send(marker(1, null, true))));
        // and a 10:30 event is LATE
        assertInstanceOf(Routed.Dead.class, send(event(0, "10:30:00")));
    }

    @Test
    void whenEveryTaskIsIdleStreamTimeIsTheHighestOfThem() {
        start(2);
        // Given task 0's input ended at 11:15 and task 1's at 10:30, and task 0 goes idle first
        send(event(0, "11:15:00"));
        send(event(1, "10:30:00"));
        assertTrue(sendAll(marker(0, "11:15:00", true)).isEmpty(), "task 1 still holds stream time at 10:30");
        // When task 1 goes idle too, nothing is on its way from anyone: the 10:00 window closes on task 0's 11:15
        assertEquals(new StreamTimeAdvanced(at("11:15:00")), advanced(send(marker(1, "10:30:00", true))));
        assertInstanceOf(Routed.Dead.class, send(event(1, "10:59:00")));
    }

    @Test
    void anIdleTaskIsNotWaitedForAndItsEventsOfWindowsClosedMeanwhileAreLate() {
        start(2);
        send(event(1, "10:05:00"));
        send(event(0, "11:30:00"));
        assertEquals(at("10:05:00"), streamTime());
        // When task 1 goes idle, windows stop waiting for it
        assertEquals(new StreamTimeAdvanced(at("11:30:00")), advanced(send(marker(1, "10:05:00", true))));
        send(event(0, "12:15:00"));
        assertEquals(at("12:15:00"), streamTime());
        // When it comes back with a 10:40 event, that event arrived after its window closed (at 11:10): LATE
        assertInstanceOf(Routed.Dead.class, send(event(1, "10:40:00")));
        // and it is waited for again, though stream time does not go back to its 10:40
        assertEquals(at("12:15:00"), streamTime());
        send(event(0, "12:40:00"));
        assertEquals(false, passed(send(event(1, "12:05:00"))).lateInGrace());
        assertEquals(at("12:15:00"), streamTime());
        // Once it passes task 0, stream time is task 0's 12:40
        assertEquals(new StreamTimeAdvanced(at("12:40:00")), advanced(send(marker(1, "12:50:00", false))));
    }

    @Test
    void markersAreNeverCountedAndPassOnOnlyAsTheStreamTimeTheyMoved() {
        start(1);
        assertEquals(new StreamTimeAdvanced(at("10:05:00")), advanced(send(marker(0, "10:05:00", false))));
        // A marker that does not move stream time leaves no trace: the same again, an older one, an idle one
        assertTrue(sendAll(marker(0, "10:05:00", false)).isEmpty());
        assertTrue(sendAll(marker(0, "09:00:00", false)).isEmpty());
        assertTrue(sendAll(marker(0, "10:05:00", true)).isEmpty());
        // and stream time never went back
        assertEquals(at("10:05:00"), streamTime());
        assertTrue(counters.snapshot().isEmpty(), "no outcome counted for a marker: " + counters.snapshot());
    }

    @Test
    void progressAndStreamTimeSurviveARestartButIdlenessIsSaidAgain() {
        start(3);
        send(event(0, "11:30:00"));
        sendAll(marker(1, null, true));
        send(event(2, "11:20:00"));
        assertEquals(at("11:20:00"), streamTime());
        // When the task restarts on its restored store
        start(3);
        // Then the 10:00 window, closed at 11:10, stays closed
        assertInstanceOf(Routed.Dead.class, send(event(0, "10:50:00")));
        // task 0's 11:30, seen in an event only, is heard again from its next marker, and task 1, idle before the
        // restart, is waited for until it says so again: until both, task 2 moving to 11:45 moves nothing
        send(event(2, "11:45:00"));
        assertTrue(sendAll(marker(0, "11:30:00", false)).isEmpty());
        assertEquals(at("11:20:00"), streamTime());
        assertEquals(new StreamTimeAdvanced(at("11:30:00")), advanced(send(marker(1, null, true))));
    }

    /**
     * Found by TwoInstancesIT: every task idle, then a backlog reaches all partitions at once while two of the tasks are
     * moving to another instance. The first task to admit must not close the windows the others are about to deliver.
     * And an import written as fast as Kafka takes it: the others' records may reach Kafka a producer's batch later,
     * after they last looked at their input, so their idle word is believed only when sent intake.idle.after (5 s)
     * later.
     */
    @Test
    void whenAnIdleTaskAdmitsAgainTheOtherIdleOnesAreWaitedForUntilTheySayItAgainIdleAfterLater() {
        start(3);
        sendAll(marker(0, "11:00:00", true));
        sendAll(marker(1, "11:00:00", true));
        sendAll(marker(2, "11:00:00", true));
        assertEquals(at("11:00:00"), streamTime());
        // When task 1 admits its backlog, hours ahead, at 100 s of wall clock
        context.setCurrentSystemTimeMs(100_000);
        assertTrue(passed(send(event(1, "12:30:00"))).streamTime() == at("11:00:00"), "tasks 0 and 2 are waited for again");
        // Then task 2's 11:50 is not LATE (the 11:00 window closes at 12:10)
        assertInstanceOf(CandidateEvent.class, passed(send(event(2, "11:50:00"))));
        // and an idle word of task 0 sent within 5 s moves nothing: its look at its input may predate its backlog
        assertTrue(sendAll(marker(0, "11:00:00", true, 104_999)).isEmpty());
        // As 0 and 2 say idle again 5 s later, time moves on
        assertEquals(new StreamTimeAdvanced(at("11:50:00")), advanced(send(marker(0, "11:00:00", true, 105_000))));
        assertEquals(new StreamTimeAdvanced(at("12:30:00")), advanced(send(marker(2, "11:50:00", true, 106_000))));
    }

    /**
     * Found with an import beside the test suite: a task's events go to its enterprises' partitions, its markers to
     * every partition, so a window-stage partition may hear that a task admits again from its marker alone. That ends
     * its idleness here as an event would, and the other idle tasks are waited for again.
     */
    @Test
    void whenAnIdleTasksMarkerSaysItAdmitsAgainTheOtherIdleOnesAreWaitedForToo() {
        start(3);
        sendAll(marker(0, "00:00:00", true));
        sendAll(marker(1, "00:00:00", true));
        sendAll(marker(2, "00:00:00", true));
        assertEquals(at("00:00:00"), streamTime());
        // When task 0's marker says it is at 15:59, busy, at 100 s
        context.setCurrentSystemTimeMs(100_000);
        assertTrue(sendAll(marker(0, "15:59:00", false, 100_000)).isEmpty(), "tasks 1 and 2 are waited for again");
        // Then task 2's first heartbeat, of 00:00, is counted
        assertInstanceOf(CandidateEvent.class, passed(send(event(2, "00:00:30"))));
        // and idle words sent within 5 s move nothing
        assertTrue(sendAll(marker(1, "00:00:00", true, 101_000)).isEmpty());
    }

    @Test
    void anIntakeTaskBeyondTheConfiguredCountIsWaitedForOnceItReports() {
        start(1);
        send(event(0, "11:00:00"));
        // When task 3, unknown to the topology, delivers a 10:30 event, its window is open (until 11:10)
        assertTrue(passed(send(event(3, "10:30:00"))).lateInGrace());
        // Then from now on it holds stream time back: task 0 at 12:00 moves nothing
        send(event(0, "12:00:00"));
        assertEquals(at("11:00:00"), streamTime());
        assertEquals(new StreamTimeAdvanced(at("11:45:00")), advanced(send(marker(3, "11:45:00", false))));
    }

    private Routed<WindowInput> send(Record<String, SpecificRecord> record) {
        List<Routed<WindowInput>> forwarded = sendAll(record);
        assertEquals(1, forwarded.size(), () -> "one record forwarded, got " + forwarded);
        return forwarded.get(0);
    }

    private List<Routed<WindowInput>> sendAll(Record<String, SpecificRecord> record) {
        context.resetForwards();
        gate.process(record);
        List<Routed<WindowInput>> forwarded = context.forwarded().stream().<Routed<WindowInput>>map(forward -> forward.record().value()).toList();
        forwarded.forEach(routed -> {
            if (routed instanceof Routed.Pass<WindowInput> pass) {
                streamTime = pass.value().streamTime();
            }
        });
        return forwarded;
    }

    private long streamTime() {
        return streamTime;
    }

    private static CandidateEvent passed(Routed<WindowInput> routed) {
        return assertInstanceOf(CandidateEvent.class, assertInstanceOf(Routed.Pass.class, routed).value());
    }

    private static StreamTimeAdvanced advanced(Routed<WindowInput> routed) {
        return assertInstanceOf(StreamTimeAdvanced.class, assertInstanceOf(Routed.Pass.class, routed).value());
    }

    private static String header(Routed.Dead<?> dead, String name) {
        return DeadLetterHeaders.read(dead.letter().headers(), name).orElseThrow();
    }

    private Record<String, SpecificRecord> event(int task, String time) {
        return event(task, time, time);
    }

    /** An event of {@code time} sent when its intake task had got as far as {@code intakeProgress} over all its partitions. */
    private Record<String, SpecificRecord> event(int task, String time, String intakeProgress) {
        AdmittedEvent event = AdmittedEvent.newBuilder()
                .setEnterpriseId("E1").setEventTime(at(time)).setIntakeProgress(at(intakeProgress))
                .setEvent(Events.sample("D1", "E1", offset, Instant.ofEpochMilli(at(time))))
                .setSource(SourceRecord.newBuilder().setTopic(TELEMETRY).setPartition(task).setOffset(offset++).setTimestamp(0)
                        .setHeaders(List.of()).build())
                .build();
        return new Record<>("E1", event, event.getEventTime());
    }

    private static Record<String, SpecificRecord> marker(int task, String time, boolean idle) {
        return marker(task, time, idle, 0L);
    }

    /** A marker the task sent at wall clock {@code sentAt}. */
    private static Record<String, SpecificRecord> marker(int task, String time, boolean idle, long sentAt) {
        return new Record<>("progress-" + task, new ProgressMarker(task, time == null ? null : at(time), idle), sentAt);
    }

    private static long at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z").toEpochMilli();
    }
}
