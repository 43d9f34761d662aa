package io.industrybrain.simulator;

import io.industrybrain.simulator.OutcomeOracle.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every injected fault is counted exactly: the simulator's {@link FaultCounters} agree with an
 * independent classification of what it sent ({@link OutcomeOracle}), one kind at a time and
 * all together.
 */
class FaultInjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final SimulatorSettings SMALL_FLEET = SimulatorSettings.defaults()
            .withEnterprises(30)
            .withDevicesPerEnterprise(10)
            .withBackfill(Duration.ofHours(2))
            .withRatePerSecond(Double.POSITIVE_INFINITY);

    @Test
    void duplicatesAreExactResendsCountedOnce() {
        Run run = run("duplicate=0.02");

        assertTrue(run.counters().duplicates() > 100, "faults injected: " + run.counters());
        assertEquals(run.oracle.count(Outcome.DUPLICATE), run.counters().duplicates());
        assertOnly(run, Outcome.DUPLICATE);
    }

    @Test
    void reorderedSamplesArriveAfterALaterSampleOfTheirDevice() {
        Run run = run("reorder=0.02");

        FaultCounters beforeDrain = run.simulator.faultCounters();
        assertTrue(beforeDrain.reordered() > 100, "faults injected: " + beforeDrain);
        assertEquals(run.oracle.behindDeviceSeq(), beforeDrain.reordered());
        assertEquals(run.oracle.behindStreamTime(), beforeDrain.reordered());

        // Samples still held go out in order: sent, but not out of order.
        run.drain();
        assertEquals(run.oracle.behindDeviceSeq(), run.counters().reordered());
        assertEquals(beforeDrain.reordered(), run.counters().reordered());
        assertOnly(run);
    }

    @Test
    void outagesHoldSamplesBackAndReleaseThemInOneBurst() {
        Run run = run("outage=0.002");

        FaultCounters beforeDrain = run.simulator.faultCounters();
        assertTrue(beforeDrain.outages() > 10, "faults injected: " + beforeDrain);
        assertEquals(run.oracle.behindStreamTime(), beforeDrain.outageHeldRecords());
        assertEquals(bursts(run.oracle), beforeDrain.outages());
        run.drain();
        assertOnly(run);
    }

    @Test
    void lateSamplesAreOlderThanWindowAndGrace() {
        Run run = run("late=0.01");

        assertTrue(run.counters().late() > 100, "faults injected: " + run.counters());
        assertEquals(run.oracle.count(Outcome.LATE), run.counters().late());
        assertOnly(run, Outcome.LATE);
    }

    @Test
    void malformedRecordsAreNotTheWireFormat() {
        Run run = run("malformed=0.01");

        assertTrue(run.counters().malformed() > 100, "faults injected: " + run.counters());
        assertEquals(run.oracle.count(Outcome.DESERIALIZATION), run.counters().malformed());
        assertOnly(run, Outcome.DESERIALIZATION);
    }

    @Test
    void invalidRecordsBreakOneRuleEachAndEveryKindOccurs() {
        // A day at a high rate and one machine each: shifts end only a few times a day per enterprise.
        Run run = run(SMALL_FLEET.withBackfill(Duration.ofDays(1)).withDevicesPerEnterprise(1)
                .withFaults(FaultRates.parse("invalid=0.5")));

        assertEquals(run.oracle.count(Outcome.INVALID), run.counters().invalid());
        assertEquals(run.oracle.invalidKinds(), run.counters().invalidByKind());
        run.counters().invalidByKind().forEach((kind, count) ->
                assertTrue(count > 5, kind + " injected: " + run.counters().invalidByKind()));
        assertOnly(run, Outcome.INVALID);
    }

    @Test
    void unknownEnterprisesHaveNoReferenceData() {
        Run run = run("unknown=0.01");

        assertTrue(run.counters().unknownEnterprise() > 100, "faults injected: " + run.counters());
        assertEquals(run.oracle.count(Outcome.UNKNOWN_ENTERPRISE), run.counters().unknownEnterprise());
        assertOnly(run, Outcome.UNKNOWN_ENTERPRISE);
    }

    @Test
    void allFaultsTogetherAddUpToWhatWasSent() {
        Run run = run("duplicate=0.01,reorder=0.01,late=0.005,outage=0.001,malformed=0.005,invalid=0.005,unknown=0.005");
        FaultCounters beforeDrain = run.simulator.faultCounters();
        assertEquals(run.oracle.behindStreamTime(), beforeDrain.reordered() + beforeDrain.outageHeldRecords());

        run.drain();
        FaultCounters counters = run.counters();
        assertEquals(run.oracle.total(), counters.recordsSent());
        assertEquals(run.oracle.count(Outcome.DUPLICATE), counters.duplicates());
        assertEquals(run.oracle.count(Outcome.LATE), counters.expectedDeadLetters("LATE"));
        assertEquals(run.oracle.count(Outcome.DESERIALIZATION), counters.expectedDeadLetters("DESERIALIZATION"));
        assertEquals(run.oracle.count(Outcome.INVALID), counters.expectedDeadLetters("INVALID"));
        assertEquals(run.oracle.count(Outcome.UNKNOWN_ENTERPRISE), counters.expectedDeadLetters("UNKNOWN_ENTERPRISE"));
        assertEquals(run.oracle.count(Outcome.ACCEPTED), counters.expectedAccepted());
        assertTrue(counters.reordered() > 0 && counters.outages() > 0 && counters.late() > 0, counters.toString());
    }

    @Test
    void theCleanEventsDoNotDependOnTheFaults() {
        RecordingSink clean = new RecordingSink();
        RecordingSink faulty = new RecordingSink();
        simulate(SMALL_FLEET, new FakeClock(NOW), clean).drain();
        simulate(SMALL_FLEET.withFaults(FaultRates.parse("duplicate=0.01,reorder=0.01,late=0.01,outage=0.002,"
                + "malformed=0.01,invalid=0.01,unknown=0.01")), new FakeClock(NOW), faulty).drain();

        assertTrue(new java.util.HashSet<>(faulty.events).containsAll(clean.events));
        assertEquals(clean.enterprises, faulty.enterprises);
    }

    /** Exactly one fault kind was on: nothing else but accepted records and that outcome. */
    private static void assertOnly(Run run, Outcome... faultOutcomes) {
        Map<Outcome, Long> expected = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            expected.put(outcome, 0L);
        }
        for (Outcome outcome : faultOutcomes) {
            expected.put(outcome, run.oracle.count(outcome));
        }
        expected.put(Outcome.ACCEPTED, run.counters().expectedAccepted());
        Map<Outcome, Long> actual = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            actual.put(outcome, run.oracle.count(outcome));
        }
        assertEquals(expected, actual);
        assertEquals(run.oracle.total(), run.counters().recordsSent());
    }

    /** Runs of held-back samples from one enterprise: one per outage. */
    private static long bursts(OutcomeOracle oracle) {
        long bursts = 0;
        String previous = null;
        for (OutcomeOracle.Accepted accepted : oracle.acceptedTelemetry) {
            String enterprise = accepted.behindStreamTime() ? accepted.sample().getEnterpriseId() : null;
            if (enterprise != null && !enterprise.equals(previous)) {
                bursts++;
            }
            previous = enterprise;
        }
        return bursts;
    }

    /** A run that has followed the clock for ten minutes; faults may still hold records back. */
    private record Run(Simulator simulator, OutcomeOracle oracle) {
        void drain() {
            simulator.drain();
        }

        FaultCounters counters() {
            return simulator.faultCounters();
        }
    }

    private static Run run(String faults) {
        return run(SMALL_FLEET.withFaults(FaultRates.parse(faults)));
    }

    private static Run run(SimulatorSettings settings) {
        FakeClock clock = new FakeClock(NOW);
        OutcomeOracle oracle = new OutcomeOracle(clock, settings.window(), settings.grace());
        return new Run(simulate(settings, clock, oracle), oracle);
    }

    /** The backfill flat out, then ten minutes following the clock in one-second steps. */
    private static Simulator simulate(SimulatorSettings settings, FakeClock clock, EventSink sink) {
        Simulator simulator = new Simulator(settings, clock, sink);
        for (int second = 0; second < 600; second++) {
            while (simulator.emitDue() > 0) {
                // everything due now
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return simulator;
    }
}
