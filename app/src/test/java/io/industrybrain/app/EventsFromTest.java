package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.simulator.EventTopic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsFromTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:17:30Z");

    /**
     * A run that continues from 16:11:05 (the simulator itself begins at the 16:10 boundary) sends nothing from
     * before that instant, and exactly the telemetry samples an uninterrupted run sends from then on: compared by
     * device and seq, which depend on the fleet and the time, not on where the simulator began.
     */
    @Test
    void aContinuationSendsNothingAgainAndMissesNoSample() {
        Instant from = Instant.parse("2026-11-23T16:11:05Z");
        Recorder uninterrupted = run(Duration.ofMinutes(30), Instant.EPOCH);
        Recorder continued = run(Duration.between(from, NOW), from);

        assertEquals(0, continued.events.stream().filter(e -> e.time.isBefore(from)).count());
        List<String> expected = uninterrupted.events.stream()
                .filter(e -> !e.time.isBefore(from) && e.identity.startsWith("t ")).map(Event::identity).sorted().toList();
        List<String> sent = continued.events.stream().filter(e -> e.identity.startsWith("t ")).map(Event::identity).sorted().toList();
        assertTrue(expected.size() > 100, "the comparison covers samples: " + expected.size());
        assertEquals(expected, sent);
        // the uninterrupted run did send samples between the boundary and the instant: those were dropped, not missing
        assertTrue(uninterrupted.events.stream().anyMatch(e -> e.identity.startsWith("t ")
                && !e.time.isBefore(Instant.parse("2026-11-23T16:10:00Z")) && e.time.isBefore(from)));
    }

    private static Recorder run(Duration backfill, Instant from) {
        Recorder recorder = new Recorder();
        SimulatorSettings settings = SimulatorSettings.defaults().withEnterprises(5).withSampleInterval(Duration.ofMinutes(5))
                .withBackfill(backfill);
        Simulator simulator = new Simulator(settings, Clock.fixed(NOW, ZoneOffset.UTC), new EventsFrom(recorder, from));
        while (simulator.emitDue() > 0) {
            // everything up to the fixed clock
        }
        return recorder;
    }

    private record Event(String identity, Instant time) { }

    private static final class Recorder implements EventSink {
        final List<Event> events = new ArrayList<>();

        @Override public void enterprise(Enterprise enterprise) { }
        @Override public void telemetry(MachineTelemetry s) { events.add(new Event("t " + s.getDeviceId() + " " + s.getSeq(), s.getEventTime())); }
        @Override public void production(ProductionOutput b) { events.add(new Event("b " + b.getBatchId(), b.getEventTime())); }
        @Override public void shift(WorkShift s) { events.add(new Event("s " + s.getShiftId(), s.getEventTime())); }
        @Override public void heartbeat(ProcessHeartbeat h) {
            events.add(new Event("h " + h.getEnterpriseId() + " " + h.getProcess() + " " + h.getEventTime(), h.getEventTime()));
        }
        @Override public void raw(EventTopic topic, String key, byte[] value) { }
    }
}
