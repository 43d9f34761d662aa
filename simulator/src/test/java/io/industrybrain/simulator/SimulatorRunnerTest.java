package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner against the real clock: it backfills, keeps up, and leaves nothing held back when closed. */
class SimulatorRunnerTest {

    /** Counts from the runner's thread, read from the test's. */
    private static final class ConcurrentCountingSink implements EventSink {
        final AtomicLong events = new AtomicLong();
        final AtomicLong latestEventTime = new AtomicLong();
        final AtomicLong flushes = new AtomicLong();

        private void count(long eventTime) {
            events.incrementAndGet();
            latestEventTime.accumulateAndGet(eventTime, Math::max);
        }

        @Override public void enterprise(Enterprise enterprise) { }
        @Override public void telemetry(MachineTelemetry sample) { count(sample.getEventTime().toEpochMilli()); }
        @Override public void production(ProductionOutput batch) { count(batch.getEventTime().toEpochMilli()); }
        @Override public void shift(WorkShift shift) { count(shift.getEventTime().toEpochMilli()); }
        @Override public void heartbeat(ProcessHeartbeat heartbeat) { count(heartbeat.getEventTime().toEpochMilli()); }
        @Override public void raw(EventTopic topic, String key, byte[] value) { events.incrementAndGet(); }
        @Override public void flush() { flushes.incrementAndGet(); }
    }

    @Test
    void runsUntilClosedAndDrainsOnClose() {
        ConcurrentCountingSink sink = new ConcurrentCountingSink();
        Clock clock = Clock.systemUTC();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(10)
                .withBackfill(Duration.ofMinutes(15)).withFaults(FaultRates.parse("reorder=0.05")), clock, sink);
        SimulatorRunner runner = new SimulatorRunner(simulator);

        runner.start();
        await().alias("the backfill reaches the wall clock").atMost(Duration.ofSeconds(20))
                .until(() -> sink.latestEventTime.get() > clock.millis() - 2_000);
        runner.close();

        assertNull(runner.failure());
        FaultCounters counters = simulator.faultCounters();
        assertEquals(counters.recordsSent(), sink.events.get(), "every counted record reached the sink");
        assertTrue(counters.reordered() > 0, counters.toString());
        assertEquals(1, sink.flushes.get());
        assertTrue(sink.latestEventTime.get() <= clock.millis());
    }
}
