package io.industrybrain.streams.topology.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import io.industrybrain.streams.topology.TopologyNames;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One intake task's announcer, task 3, reading partition 3 of the telemetry and the heartbeat topic, as Kafka
 * Streams hands it their records: in fetch order, one topic running ahead of the other. Markers every 1 s, a
 * partition released (and the task idle) after 5 s caught up with nothing admitted. The wall clock starts at 0 and is
 * set by {@link #admit} and {@link #tick}; the input lag's answers are set by the test, as Kafka's offsets would give
 * them, a look at the input taken every second.
 */
class ProgressAnnouncerTest {

    private static final String TELEMETRY = "brain.telemetry";
    private static final String HEARTBEATS = "brain.processes";
    private static final int TASK = 3;

    /** The latest answer: when it was taken, and per topic since when partition 3 has been consumed to its end. */
    private long answeredAt = Long.MIN_VALUE;
    private final Map<String, Long> caughtUpSince = new HashMap<>();
    private final ProgressTimings timings = new ProgressTimings(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final InputLag lag = new InputLag() {
        @Override
        public Answer latest() {
            long at = answeredAt;
            Map<String, Long> since = Map.copyOf(caughtUpSince);
            return new Answer() {
                @Override
                public long at() {
                    return at;
                }

                @Override
                public long caughtUpSince(String topic, int partition) {
                    return partition == TASK ? since.getOrDefault(topic, NOT_CAUGHT_UP) : NOT_CAUGHT_UP;
                }
            };
        }

        @Override
        public long now() {
            return wallClock;
        }
    };
    private final ProgressAnnouncer announcer = new ProgressAnnouncer(timings, lag, List.of(TELEMETRY, HEARTBEATS));
    private MockProcessorContext<String, SpecificRecord> context;
    private long offset;
    private long wallClock;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-announcer-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, TASK), null);
        context.setCurrentSystemTimeMs(wallClock);
        KeyValueStore<String, Long> admittedStore = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.INTAKE_PROGRESS_STORE),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        admittedStore.init(context.getStateStoreContext(), admittedStore);
        context.addStateStore(admittedStore);
        announcer.init(context);
    }

    /**
     * A task killed once it had consumed everything it was sent, its last commit included: restarted with nothing left
     * to read, it must still announce how far its input went, or the windows its last events reached never close. Its
     * state is what that commit left; what it had only in memory is gone.
     */
    @Test
    void aTaskRestartedWithNothingLeftToReadAnnouncesHowFarItsCommittedInputWent() {
        admit(TELEMETRY, "09:00:00", 100);
        admit(HEARTBEATS, "08:55:00", 100);
        admit(TELEMETRY, "10:30:00", 200);
        new ProgressAnnouncer(timings, lag, List.of(TELEMETRY, HEARTBEATS)).init(context);
        // When both partitions have been consumed to their end for 5 s, with nothing admitted since the restart
        caughtUpSince.put(TELEMETRY, 0L);
        caughtUpSince.put(HEARTBEATS, 0L);
        answer(6_000);
        // Then it is idle at the highest eventTime its partitions had admitted, not at nothing known
        assertEquals(new ProgressMarker(TASK, at("10:30:00"), true), tick(6_000));
    }

    @Test
    void aTopicRunningAheadDoesNotCarryTheTasksProgressPastTheOneBehind() {
        // Given both partitions hold records, heartbeats fetched first up to 12:00, telemetry only at 09:00
        assertNull(admit(HEARTBEATS, "12:00:00", 100), "telemetry has admitted nothing: the task cannot vouch for anything");
        assertEquals(at("09:00:00"), admit(TELEMETRY, "09:00:00", 200));
        assertEquals(at("09:00:00"), admit(HEARTBEATS, "12:05:00", 300));
        assertEquals(at("09:30:00"), admit(TELEMETRY, "09:30:00", 400));
        // an event out of order on its partition takes nothing back
        assertEquals(at("09:30:00"), admit(TELEMETRY, "09:10:00", 500));
        // Then the marker says the same, not idle
        assertEquals(new ProgressMarker(TASK, at("09:30:00"), false), tick(1_000));
        // When the heartbeat partition has been consumed to its end for 5 s, the telemetry one alone holds progress back
        answer(6_000, HEARTBEATS, 1_000);
        assertEquals(new ProgressMarker(TASK, at("09:30:00"), false), tick(6_000));
        // and when telemetry has been too, the task is as far as the highest it admitted
        answer(11_000, TELEMETRY, 6_000);
        assertEquals(new ProgressMarker(TASK, at("12:05:00"), false), tick(11_000));
    }

    /**
     * An import written as fast as Kafka takes it: the heartbeat partition's next batch reaches Kafka a few milliseconds
     * after the telemetry's, which at that speed is hours of event time. Consumed to its end meanwhile, it still holds
     * the task's progress at its own last event.
     */
    @Test
    void aPartitionCaughtUpForAMomentStillHoldsTheTasksProgressAtItsLastEvent() {
        admit(TELEMETRY, "09:00:00", 100);
        admit(HEARTBEATS, "09:05:00", 100);
        // When the heartbeat partition is found consumed to its end while telemetry races on
        answer(1_000, HEARTBEATS, 1_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(1_000));
        assertEquals(at("09:05:00"), admit(TELEMETRY, "12:00:00", 1_500));
        answer(4_000, HEARTBEATS, 1_000);
        assertEquals(new ProgressMarker(TASK, at("09:05:00"), false), tick(4_000));
        // Then its next batch, of 09:20, arrives in time: it holds at 09:20 until quiet for 5 s from then
        assertEquals(at("09:20:00"), admit(HEARTBEATS, "09:20:00", 4_500));
        answer(9_000, HEARTBEATS, 5_000);
        assertEquals(new ProgressMarker(TASK, at("09:20:00"), false), tick(9_000));
        answer(10_000, HEARTBEATS, 5_000);
        assertEquals(new ProgressMarker(TASK, at("12:00:00"), false), tick(10_000));
    }

    /**
     * Found with an import beside the test suite: a busy stream thread's cached time reads seconds old, and quiet
     * counted from it released a partition the moment its task admitted again.
     */
    @Test
    void quietCountsFromTheAdmissionOnTheAnswersClockNotFromKafkaStreamsCachedTime() {
        admit(TELEMETRY, "09:00:00", 0);
        admit(HEARTBEATS, "09:00:00", 0);
        caughtUpFrom(1_000);
        answer(7_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), true), tick(7_000));
        // When telemetry of 12:00 is admitted at 10 s while Kafka Streams' cached time still reads 1 s
        assertEquals(at("09:00:00"), admit(TELEMETRY, "12:00:00", 10_000, 1_000));
        // Then the heartbeat partition holds until answers show it quiet for 5 s after 10 s
        answer(14_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(14_000));
        answer(15_000);
        assertEquals(new ProgressMarker(TASK, at("12:00:00"), true), tick(15_000), "both quiet for 5 s");
    }

    @Test
    void anAnswerOlderThanTheQuietPeriodReleasesNothing() {
        admit(TELEMETRY, "09:00:00", 100);
        admit(HEARTBEATS, "12:00:00", 100);
        // the last look at the input was taken at 7 s and found telemetry caught up since 1 s; at 12.001 s it proves
        // nothing of now
        answer(7_000, TELEMETRY, 1_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(12_001));
        // a fresh answer finding the same does
        answer(12_500, TELEMETRY, 1_000);
        assertEquals(new ProgressMarker(TASK, at("12:00:00"), false), tick(12_500));
    }

    @Test
    void aTaskWithLagIsNeverIdleHoweverLongItAdmitsNothing() {
        admit(TELEMETRY, "09:00:00", 0);
        admit(HEARTBEATS, "09:00:00", 0);
        // the heartbeat partition still has records: an hour of silence proves nothing
        for (long now = 1_000; now <= 3_600_000; now += 60_000) {
            answer(now, TELEMETRY, 1_000);
            assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(now));
        }
    }

    @Test
    void aCaughtUpTaskIsIdleAfterTheQuietPeriodAndBusyAgainWithItsNextEvent() {
        admit(TELEMETRY, "09:00:00", 500);
        caughtUpFrom(1_000);
        // the heartbeat partition has admitted nothing: until it is released, the task vouches for nothing
        assertEquals(new ProgressMarker(TASK, null, false), tick(1_000), "quiet since 1 s");
        answer(5_000);
        assertEquals(new ProgressMarker(TASK, null, false), tick(5_000));
        answer(6_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), true), tick(6_000), "5 s caught up and quiet");
        // its next event ends the idleness at once; the heartbeat partition holds again for 5 s, and has nothing to
        // hold at, so progress stays
        assertEquals(at("09:00:00"), admit(TELEMETRY, "09:01:00", 6_500));
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(7_000));
        answer(11_000);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(11_000));
        answer(11_500);
        assertEquals(new ProgressMarker(TASK, at("09:01:00"), true), tick(11_500), "quiet for 5 s again");
    }

    /**
     * Both partitions released, then the telemetry one admits again (an import begins): the heartbeats of the same
     * import may be a producer's batch behind, so the heartbeat partition holds again, at its last event, until it
     * has been quiet for 5 s from then.
     */
    @Test
    void whenAReleasedPartitionAdmitsAgainTheOtherHoldsAgainUntilQuietLongEnough() {
        admit(TELEMETRY, "09:00:00", 0);
        admit(HEARTBEATS, "09:10:00", 0);
        caughtUpFrom(1_000);
        answer(6_000);
        assertEquals(new ProgressMarker(TASK, at("09:10:00"), true), tick(6_000));
        // When telemetry of 12:00 arrives at 10 s
        assertEquals(at("09:10:00"), admit(TELEMETRY, "12:00:00", 10_000));
        // Then heartbeats hold 09:10 though caught up all along, until 5 s of answers after 10 s
        answer(14_000);
        assertEquals(new ProgressMarker(TASK, at("09:10:00"), false), tick(14_000));
        answer(15_000, HEARTBEATS, 1_000);
        assertEquals(new ProgressMarker(TASK, at("12:00:00"), false), tick(15_000));
    }

    @Test
    void aTaskThatHasAdmittedNothingSaysItIsNotIdleUntilItHasBeenCaughtUpLongEnough() {
        caughtUpFrom(1_000);
        // no progress to tell, but "not idle": where the task's last word was idle (before a restart, on the instance
        // it moved from), the window stage waits for it again
        assertEquals(new ProgressMarker(TASK, null, false), tick(1_000));
        answer(5_000);
        assertEquals(new ProgressMarker(TASK, null, false), tick(5_000));
        answer(6_000);
        assertEquals(new ProgressMarker(TASK, null, true), tick(6_000));
    }

    /** What the topology tests' harness answers: its input is all delivered, nothing can be on its way. */
    @Test
    void anAnswerForAllTimeReleasesEveryPartitionFromTheStart() {
        caughtUpFrom(0);
        answer(Long.MAX_VALUE);
        start();
        assertEquals(at("10:00:00"), admit(TELEMETRY, "10:00:00", 100), "the heartbeat partition, empty, holds nothing");
        assertEquals(at("10:30:00"), admit(TELEMETRY, "10:30:00", 200));
    }

    @Test
    void progressOfAnAbortedTransactionIsForgottenWhenTheTaskIsRevived() {
        admit(TELEMETRY, "11:00:00", 500);
        assertEquals(at("11:00:00"), admit(HEARTBEATS, "11:00:00", 500));
        // Kafka Streams revives the task: it re-reads from its last commit
        start();
        admit(TELEMETRY, "10:00:00", 600);
        assertEquals(at("10:00:00"), admit(HEARTBEATS, "10:00:00", 600));
        assertEquals(new ProgressMarker(TASK, at("10:00:00"), false), tick(1_000));
    }

    /** Both partitions consumed to their end from {@code since} on, found so by an answer taken then. */
    private void caughtUpFrom(long since) {
        caughtUpSince.put(TELEMETRY, since);
        caughtUpSince.put(HEARTBEATS, since);
        answeredAt = since;
    }

    /** An answer taken at {@code at}, with the partitions caught up as before. */
    private void answer(long at) {
        answeredAt = at;
    }

    /** An answer taken at {@code at} that finds only {@code topic} caught up, since {@code since}. */
    private void answer(long at, String topic, long since) {
        caughtUpSince.clear();
        caughtUpSince.put(topic, since);
        answeredAt = at;
    }

    /** Admits an event at wall clock {@code now} and returns the intake progress it was stamped with. */
    private Long admit(String topic, String time, long now) {
        return admit(topic, time, now, now);
    }

    /** Admits an event at wall clock {@code now}, while Kafka Streams' cached time reads {@code cached}. */
    private Long admit(String topic, String time, long now, long cached) {
        wallClock = now;
        context.setCurrentSystemTimeMs(cached);
        Instant eventTime = Instant.parse("2026-03-01T" + time + "Z");
        AdmittedEvent event = AdmittedEvent.newBuilder()
                .setEnterpriseId("E1").setEventTime(eventTime.toEpochMilli())
                .setEvent(Events.sample("D1", "E1", offset, eventTime))
                .setSource(SourceRecord.newBuilder().setTopic(topic).setPartition(TASK).setOffset(offset++).setTimestamp(0)
                        .setHeaders(List.of()).build())
                .build();
        context.resetForwards();
        announcer.process(new Record<>("E1", event, eventTime.toEpochMilli()));
        assertEquals(1, context.forwarded().size());
        AdmittedEvent forwarded = (AdmittedEvent) context.forwarded().get(0).record().value();
        assertTrue(forwarded == event);
        return forwarded.getIntakeProgress();
    }

    /** Runs the marker punctuation at wall clock {@code now}; returns the marker sent, or null. */
    private ProgressMarker tick(long now) {
        wallClock = now;
        context.setCurrentSystemTimeMs(now);
        context.resetForwards();
        context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1).getPunctuator().punctuate(now);
        if (context.forwarded().isEmpty()) {
            return null;
        }
        return (ProgressMarker) context.forwarded().get(0).record().value();
    }

    private static long at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z").toEpochMilli();
    }
}
