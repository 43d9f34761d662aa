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
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One intake task's announcer, task 3, reading partition 3 of the telemetry and the heartbeat topic, as Kafka
 * Streams hands it their records: in fetch order, one topic running ahead of the other. Markers every 1 s, idle
 * after 5 s caught up and quiet. The wall clock is the punctuation's own time.
 */
class ProgressAnnouncerTest {

    private static final String TELEMETRY = "brain.telemetry";
    private static final String HEARTBEATS = "brain.processes";
    private static final int TASK = 3;

    /** The event partitions of task 3 that are consumed to their end. */
    private final Set<String> caughtUp = new HashSet<>();
    private final ProgressAnnouncer announcer = new ProgressAnnouncer(new ProgressTimings(Duration.ofSeconds(1), Duration.ofSeconds(5)),
            (topic, partition) -> partition == TASK && caughtUp.contains(topic), List.of(TELEMETRY, HEARTBEATS));
    private MockProcessorContext<String, SpecificRecord> context;
    private long offset;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "progress-announcer-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, TASK), null);
        announcer.init(context);
    }

    @Test
    void aTopicRunningAheadDoesNotCarryTheTasksProgressPastTheOneBehind() {
        // Given both partitions hold records, heartbeats fetched first up to 12:00, telemetry only at 09:00
        assertNull(admit(HEARTBEATS, "12:00:00"), "telemetry has admitted nothing: the task cannot vouch for anything");
        assertEquals(at("09:00:00"), admit(TELEMETRY, "09:00:00"));
        assertEquals(at("09:00:00"), admit(HEARTBEATS, "12:05:00"));
        assertEquals(at("09:30:00"), admit(TELEMETRY, "09:30:00"));
        // an event out of order on its partition takes nothing back
        assertEquals(at("09:30:00"), admit(TELEMETRY, "09:10:00"));
        // Then the marker says the same, not idle
        assertEquals(new ProgressMarker(TASK, at("09:30:00"), false), tick(1_000));
        // When the heartbeat partition is caught up, the telemetry one alone holds progress back
        caughtUp.add(HEARTBEATS);
        assertEquals(new ProgressMarker(TASK, at("09:30:00"), false), tick(2_000));
        // and when telemetry is caught up too, the task is as far as the highest it admitted
        caughtUp.add(TELEMETRY);
        assertEquals(new ProgressMarker(TASK, at("12:05:00"), false), tick(3_000));
    }

    @Test
    void aTaskWithLagIsNeverIdleHoweverLongItAdmitsNothing() {
        admit(TELEMETRY, "09:00:00");
        admit(HEARTBEATS, "09:00:00");
        // the heartbeat partition still has records: an hour of silence proves nothing
        caughtUp.add(TELEMETRY);
        for (long now = 1_000; now <= 3_600_000; now += 60_000) {
            assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(now));
        }
    }

    @Test
    void aCaughtUpTaskIsIdleAfterTheQuietPeriodAndBusyAgainWithItsNextEvent() {
        admit(TELEMETRY, "09:00:00");
        caughtUp.add(TELEMETRY);
        caughtUp.add(HEARTBEATS);
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(1_000), "quiet since 1 s");
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), false), tick(5_000));
        assertEquals(new ProgressMarker(TASK, at("09:00:00"), true), tick(6_000), "5 s caught up and quiet");
        // its next event ends the idleness at once
        caughtUp.remove(TELEMETRY);
        assertEquals(at("09:01:00"), admit(TELEMETRY, "09:01:00"));
        assertEquals(new ProgressMarker(TASK, at("09:01:00"), false), tick(7_000));
    }

    @Test
    void aTaskThatHasAdmittedNothingSaysItIsNotIdleUntilItHasBeenCaughtUpLongEnough() {
        caughtUp.add(TELEMETRY);
        caughtUp.add(HEARTBEATS);
        // no progress to tell, but "not idle": where the task's last word was idle (before a restart, on the instance
        // it moved from), the window stage waits for it again
        assertEquals(new ProgressMarker(TASK, null, false), tick(1_000));
        assertEquals(new ProgressMarker(TASK, null, false), tick(5_000));
        assertEquals(new ProgressMarker(TASK, null, true), tick(6_000));
    }

    @Test
    void progressOfAnAbortedTransactionIsForgottenWhenTheTaskIsRevived() {
        caughtUp.add(TELEMETRY);
        caughtUp.add(HEARTBEATS);
        admit(TELEMETRY, "11:00:00");
        // Kafka Streams revives the task: it re-reads from its last commit
        start();
        assertEquals(at("10:00:00"), admit(TELEMETRY, "10:00:00"));
        assertEquals(new ProgressMarker(TASK, at("10:00:00"), false), tick(1_000));
    }

    /** Admits an event and returns the intake progress it was stamped with. */
    private Long admit(String topic, String time) {
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
