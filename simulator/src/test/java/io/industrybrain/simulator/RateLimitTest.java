package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rate limit is driven by the injected clock alone. */
class RateLimitTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final int RATE = 1_000;
    /** One event may send several records: a heartbeat round sends up to 8. */
    private static final int LARGEST_EVENT = 8;

    @Test
    void recordsGoOutAtTheRateTheClockAllows() {
        FakeClock clock = new FakeClock(NOW);
        CountingSink sink = new CountingSink();
        // A backlog of an hour: far more is due than the rate lets out.
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(20)
                .withBackfill(Duration.ofHours(1)).withRatePerSecond(RATE), clock, sink);

        simulator.emitDue();
        // A tenth of a second's worth up front.
        long burst = RATE / 10;
        assertTrue(sink.events() >= burst && sink.events() < burst + LARGEST_EVENT, "first call: " + sink.events());
        for (int step = 1; step <= 300; step++) {
            clock.advance(Duration.ofMillis(10));
            simulator.emitDue();
            long allowed = burst + (long) RATE * step * 10 / 1000;
            assertTrue(sink.events() >= allowed && sink.events() < allowed + LARGEST_EVENT,
                    "after " + step * 10 + " ms: " + sink.events() + " sent, " + allowed + " allowed");
        }
    }

    @Test
    void nothingMoreGoesOutUntilTheClockMoves() {
        FakeClock clock = new FakeClock(NOW);
        CountingSink sink = new CountingSink();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(20)
                .withBackfill(Duration.ofHours(1)).withRatePerSecond(RATE), clock, sink);
        simulator.emitDue();
        long sent = sink.events();

        assertEquals(0, simulator.emitDue());
        assertEquals(sent, sink.events());
        // A permit accrues every millisecond at 1,000 a second; any overshoot is paid back first.
        long wait = simulator.millisUntilDue();
        assertTrue(wait >= 1 && wait <= LARGEST_EVENT, "wait " + wait + " ms");
        clock.advance(Duration.ofMillis(wait));
        assertTrue(simulator.emitDue() > 0);
    }

    @Test
    void aStalledCallerGetsNoBurstBeyondATenthOfASecond() {
        FakeClock clock = new FakeClock(NOW);
        CountingSink sink = new CountingSink();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(20)
                .withBackfill(Duration.ofHours(1)).withRatePerSecond(RATE), clock, sink);
        simulator.emitDue();
        long before = sink.events();

        clock.advance(Duration.ofSeconds(10));
        simulator.emitDue();

        long sent = sink.events() - before;
        assertTrue(sent >= RATE / 10 - LARGEST_EVENT && sent < RATE / 10 + LARGEST_EVENT, "sent " + sent);
    }
}
