package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A million machines: every one reports, and the heap does not grow with the events generated. */
class ScaleSmokeTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aMillionDevicesReportEveryIntervalInFlatMemory() {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withEnterprises(50_000)
                .withDevicesPerEnterprise(20)
                .withRatePerSecond(Double.POSITIVE_INFINITY)
                .withBackfill(Duration.ofMinutes(3))
                .withReferenceChangesPerDay(0)
                // Faults that only telemetry carries, so that the count below is exact.
                .withFaults(FaultRates.parse("reorder=0.001,outage=0.0001,late=0.0001"));
        FakeClock clock = new FakeClock(NOW);
        CountingSink sink = new CountingSink();
        Simulator simulator = new Simulator(settings, clock, sink);
        assertEquals(1_000_000, simulator.fleet().devices());

        // The first interval, then the heap as it stands with the fleet warmed up.
        clock.advance(Duration.ofMinutes(-2).minusMillis(1));
        while (simulator.emitDue() > 0) {
            // one interval
        }
        long heapAfterOneInterval = usedHeapAfterGc();

        // Two more intervals: 2,000,000 samples more.
        clock.advance(Duration.ofMinutes(2));
        while (simulator.emitDue() > 0) {
            // two intervals
        }
        simulator.drain();
        long heapAfterThree = usedHeapAfterGc();

        FaultCounters faults = simulator.faultCounters();
        assertTrue(faults.reordered() > 0 && faults.outages() > 0 && faults.late() > 0, faults.toString());
        assertEquals(3_000_000 + faults.late(), sink.telemetry(), "three samples per device, plus late copies");
        assertEquals(50_000, sink.enterprises());
        long growth = heapAfterThree - heapAfterOneInterval;
        assertTrue(growth < 16L << 20, "heap grew by " + (growth >> 20) + " MB over 2,000,000 samples");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
