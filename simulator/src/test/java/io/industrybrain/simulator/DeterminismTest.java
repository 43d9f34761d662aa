package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed and same clock readings, same records in the same order; the pace does not matter. */
class DeterminismTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults()
            .withEnterprises(20)
            .withBackfill(Duration.ofHours(1))
            .withRatePerSecond(5_000)
            .withReferenceChangesPerDay(5)
            .withFaults(FaultRates.parse(
                    "duplicate=0.02,reorder=0.02,late=0.01,outage=0.002,malformed=0.01,invalid=0.01,unknown=0.01"));

    @Test
    void sameSeedAndSameClockGiveTheSameRecords() {
        RecordingSink first = run(SETTINGS, Duration.ofMillis(100));
        RecordingSink second = run(SETTINGS, Duration.ofMillis(100));

        assertTrue(first.events.size() > 20_000, "records: " + first.events.size());
        assertTrue(first.enterprises.size() > 20, "reference changes were published too");
        assertEquals(first.enterprises, second.enterprises);
        assertSameSequence(first.events, second.events);
    }

    @Test
    void anotherSeedGivesAnotherProvince() {
        RecordingSink first = run(SETTINGS, Duration.ofMillis(100));
        RecordingSink other = run(SETTINGS.withSeed(SETTINGS.seed() + 1), Duration.ofMillis(100));

        assertNotEquals(first.enterprises.subList(0, 20).toString(), other.enterprises.subList(0, 20).toString());
        assertNotEquals(first.events.subList(0, 1000).toString(), other.events.subList(0, 1000).toString());
    }

    @Test
    void withoutFaultsThePaceDoesNotChangeTheRecords() {
        // Faults aside (a future event time is read off the clock), a run sliced differently
        // by rate and clock steps sends the very same sequence.
        SimulatorSettings clean = SETTINGS.withFaults(FaultRates.NONE);
        List<Object> slow = run(clean.withRatePerSecond(2_000), Duration.ofMillis(100)).events;
        List<Object> fast = run(clean.withRatePerSecond(Double.POSITIVE_INFINITY), Duration.ofSeconds(6)).events;

        assertSameSequence(slow, fast);
    }

    /**
     * Compares the records' text, since an Avro record holding NaN does not equal itself, and
     * names the first difference instead of printing two long lists.
     */
    private static void assertSameSequence(List<Object> expected, List<Object> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i).toString(), actual.get(i).toString(), "record " + i);
        }
        assertEquals(expected.size(), actual.size(), "records");
    }

    /** Backfills an hour, then follows the clock for 20 minutes in the given steps. */
    private static RecordingSink run(SimulatorSettings settings, Duration step) {
        FakeClock clock = new FakeClock(NOW);
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(settings, clock, sink);
        Instant end = NOW.plus(Duration.ofMinutes(20));
        while (clock.instant().isBefore(end)) {
            simulator.emitDue();
            clock.advance(step);
        }
        // Catch up with whatever the rate held back, up to the same simulated instant.
        while (simulator.emitDue() > 0) {
            clock.advance(Duration.ZERO);
        }
        return sink;
    }
}
