package io.industrybrain.streams.topology.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.EventKind;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One intake task's markers: what they carry, when the task calls itself idle, and that events pass unchanged. */
class IntakeWatermarkTest {

    private static final long START = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final long SECOND = 1000L;

    @TempDir
    File stateDir;
    private MockProcessorContext<String, SpecificRecord> context;
    private IntakeWatermark processor;
    private CapturedPunctuator everySecond;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "intake-watermark-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Task 0_3: the intake task reading partition 3 of every event topic.
        context = new MockProcessorContext<>(config, new TaskId(0, 3), stateDir);
        context.setCurrentSystemTimeMs(START);
        processor = new IntakeWatermark(Duration.ofSeconds(1), Duration.ofSeconds(30));
        processor.init(context);
        everySecond = context.scheduledPunctuators().get(0);
    }

    @Test
    void admittedEventsPassUnchangedAndTheMarkerCarriesTheHighestEventTimeAdmitted() {
        assertEquals(Duration.ofSeconds(1), everySecond.getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, everySecond.getType());
        // Given three events admitted out of eventTime order
        Record<String, AdmittedEvent> first = event("E1", "10:05:00");
        processor.process(first);
        processor.process(event("E2", "10:20:00"));
        processor.process(event("E1", "10:10:00"));
        // Then each was forwarded as it came
        List<Record<?, ?>> forwarded = forwarded();
        assertEquals(3, forwarded.size());
        assertSame(first, forwarded.get(0));
        context.resetForwards();
        // When the interval passes, the marker says 10:20, task 3, not idle, keyed and stamped for the topic
        tick(START + SECOND);
        Record<?, ?> marker = forwarded().get(0);
        assertEquals(new WatermarkMarker(3, at("10:20:00"), false), marker.value());
        assertEquals("watermark-3", marker.key());
        assertEquals(START + SECOND, marker.timestamp());
        assertEquals(1, forwarded().size());
    }

    @Test
    void aTaskThatHasAdmittedNothingSaysNothingUntilItIsIdle() {
        tick(START + SECOND);
        tick(START + 29 * SECOND);
        assertTrue(forwarded().isEmpty(), "no marker before anything was admitted");
        // After 30 s it says it is idle, with no eventTime at all
        tick(START + 30 * SECOND);
        assertEquals(List.of(new WatermarkMarker(3, null, true)), values());
    }

    @Test
    void aTaskIsIdleThirtySecondsAfterItsLastAdmittedEventAndActiveAgainWithTheNext() {
        // Given an event admitted 10 s after start
        context.setCurrentSystemTimeMs(START + 10 * SECOND);
        processor.process(event("E1", "10:05:00"));
        context.resetForwards();
        // Then at 39 s it is still active, and at 40 s idle, still telling how far it had got
        tick(START + 39 * SECOND);
        tick(START + 40 * SECOND);
        assertEquals(List.of(new WatermarkMarker(3, at("10:05:00"), false), new WatermarkMarker(3, at("10:05:00"), true)), values());
        context.resetForwards();
        // When it admits an event of 09:00, it is active again, and its highest eventTime is still 10:05
        context.setCurrentSystemTimeMs(START + 50 * SECOND);
        processor.process(event("E1", "09:00:00"));
        context.resetForwards();
        tick(START + 51 * SECOND);
        assertEquals(List.of(new WatermarkMarker(3, at("10:05:00"), false)), values());
    }

    @Test
    void aTaskRevivedAfterAnAbortedTransactionForgetsTheProgressItMadeInIt() {
        // Given an event of 10:20 admitted in a transaction that is then aborted
        processor.process(event("E1", "10:20:00"));
        context.resetForwards();
        // When Kafka Streams revives the task, it initializes it again and the task re-reads from its last commit
        processor.init(context);
        List<CapturedPunctuator> punctuators = context.scheduledPunctuators();
        CapturedPunctuator afterRevive = punctuators.get(punctuators.size() - 1);
        context.setCurrentSystemTimeMs(START + SECOND);
        afterRevive.getPunctuator().punctuate(START + SECOND);
        // Then its marker says nothing of 10:20 until that event is admitted again
        assertTrue(forwarded().isEmpty(), "progress of the aborted transaction announced: " + values());
        processor.process(event("E1", "10:20:00"));
        context.resetForwards();
        afterRevive.getPunctuator().punctuate(START + 2 * SECOND);
        assertEquals(List.of(new WatermarkMarker(3, at("10:20:00"), false)), values());
    }

    private void tick(long now) {
        context.setCurrentSystemTimeMs(now);
        everySecond.getPunctuator().punctuate(now);
    }

    private List<Record<?, ?>> forwarded() {
        return context.forwarded().stream().<Record<?, ?>>map(MockProcessorContext.CapturedForward::record).toList();
    }

    private List<Object> values() {
        return forwarded().stream().<Object>map(Record::value).toList();
    }

    private static long at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z").toEpochMilli();
    }

    private static Record<String, AdmittedEvent> event(String enterprise, String time) {
        AdmittedEvent event = AdmittedEvent.newBuilder()
                .setKind(EventKind.PROCESS).setEnterpriseId(enterprise).setEventTime(at(time))
                .setSource(SourceRecord.newBuilder().setTopic("brain.processes").setPartition(3).setOffset(0).setTimestamp(0)
                        .setHeaders(List.of()).build())
                .build();
        return new Record<>(enterprise, event, event.getEventTime());
    }
}
