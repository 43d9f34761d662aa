package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulated time backfills as fast as allowed, then follows the clock and never runs ahead of it. */
class ClockBoundsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration CONTRACT_LEAD = Duration.ofMinutes(5);
    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults()
            .withEnterprises(20)
            .withBackfill(Duration.ofMinutes(30))
            .withRatePerSecond(Double.POSITIVE_INFINITY);

    /** Checks each event's time against the clock at the moment the event is handed over. */
    private static final class LeadCheckingSink implements EventSink {
        private final FakeClock clock;
        long events;
        long aheadOfClock;
        long beyondContract;

        LeadCheckingSink(FakeClock clock) {
            this.clock = clock;
        }

        private void check(Object record) {
            events++;
            long lead = Records.eventTime(record) - clock.millis();
            aheadOfClock += lead > 0 ? 1 : 0;
            beyondContract += lead > CONTRACT_LEAD.toMillis() ? 1 : 0;
        }

        @Override public void enterprise(Enterprise enterprise) { }
        @Override public void telemetry(MachineTelemetry sample) { check(sample); }
        @Override public void production(ProductionOutput batch) { check(batch); }
        @Override public void shift(WorkShift shift) { check(shift); }
        @Override public void heartbeat(ProcessHeartbeat heartbeat) { check(heartbeat); }
        @Override public void raw(EventTopic topic, String key, byte[] value) { }
    }

    @Test
    void noEventIsAheadOfTheClock() {
        FakeClock clock = new FakeClock(NOW);
        LeadCheckingSink sink = new LeadCheckingSink(clock);
        // Every fault but the one that is ahead on purpose (an invalid future event time).
        Simulator simulator = new Simulator(SETTINGS.withFaults(FaultRates.parse(
                "duplicate=0.01,reorder=0.01,late=0.01,outage=0.001,malformed=0.01,unknown=0.01")), clock, sink);

        follow(simulator, clock, Duration.ofMinutes(30), Duration.ofMillis(250));

        assertTrue(sink.events > 20_000, "events: " + sink.events);
        assertEquals(0, sink.aheadOfClock);
    }

    @Test
    void onlyInjectedFutureEventTimesAreBeyondTheContractsFiveMinutes() {
        FakeClock clock = new FakeClock(NOW);
        LeadCheckingSink sink = new LeadCheckingSink(clock);
        Simulator simulator = new Simulator(SETTINGS.withFaults(FaultRates.parse("invalid=0.05")), clock, sink);

        follow(simulator, clock, Duration.ofMinutes(30), Duration.ofMillis(250));

        long future = simulator.faultCounters().invalidByKind().get(InvalidKind.FUTURE_EVENT_TIME);
        assertTrue(future > 50, "future event times injected: " + future);
        assertEquals(future, sink.beyondContract);
        assertEquals(future, sink.aheadOfClock);
    }

    @Test
    void theBackfillRunsFlatOutThenTheSimulationFollowsTheClock() {
        FakeClock clock = new FakeClock(NOW);
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(SETTINGS, clock, sink);
        assertEquals(NOW.minus(Duration.ofMinutes(30)), simulator.startTime());

        // Without the clock moving, the whole backfill comes out.
        while (simulator.emitDue() > 0) {
            // flat out
        }
        long backfilled = sink.events.size();
        long lastBackfilled = Records.eventTime(sink.events.get(sink.events.size() - 1));
        assertTrue(lastBackfilled <= NOW.toEpochMilli() && lastBackfilled > NOW.toEpochMilli() - 1_000,
                "the backfill reaches the clock: " + Instant.ofEpochMilli(lastBackfilled));
        assertTrue(simulator.millisUntilDue() > 0, "nothing is due until the clock moves");
        assertEquals(0, simulator.emitDue());

        // Then each step of the clock releases exactly the events of that step.
        for (int step = 1; step <= 60; step++) {
            long from = clock.millis();
            clock.advance(Duration.ofSeconds(1));
            int before = sink.events.size();
            simulator.emitDue();
            for (Object record : sink.events.subList(before, sink.events.size())) {
                long eventTime = Records.eventTime(record);
                assertTrue(eventTime > from && eventTime <= clock.millis(), "step " + step + ": " + record);
            }
        }
        long followed = sink.events.size() - backfilled;
        // About one sample per device and minute; the fleet's size comes from the sink's own records.
        long devices = sink.events.stream().filter(MachineTelemetry.class::isInstance)
                .map(r -> ((MachineTelemetry) r).getDeviceId()).distinct().count();
        assertTrue(followed >= devices && followed < devices * 1.2, followed + " events for " + devices + " devices");
    }

    @Test
    void aSimulatorThatIsBehindCatchesUpWithoutSkippingAnything() {
        FakeClock clock = new FakeClock(NOW);
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(SETTINGS, clock, sink);
        // The clock jumps 10 minutes at once, as after a long pause.
        clock.advance(Duration.ofMinutes(10));
        while (simulator.emitDue() > 0) {
            // catch up
        }
        long telemetry = sink.of(MachineTelemetry.class).size();
        long devices = sink.of(MachineTelemetry.class).stream().map(MachineTelemetry::getDeviceId).distinct().count();
        assertEquals(devices * 40, telemetry, "40 minutes of one sample a minute per device");
    }

    private static void follow(Simulator simulator, FakeClock clock, Duration span, Duration step) {
        Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            simulator.emitDue();
            clock.advance(step);
        }
        simulator.drain();
    }
}
