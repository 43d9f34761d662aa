package io.industrybrain.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How fast the simulator generates events for a large fleet, and how much heap it holds: events
 * go into a {@link CountingSink}, so this measures generation alone (records built, faults
 * drawn), not serialization or Kafka. Not a test: run it by hand and read the numbers.
 *
 * <pre>
 * java -cp ... io.industrybrain.simulator.GenerationBenchmark [enterprises] [devicesPerEnterprise] [events] [faults]
 * </pre>
 * Defaults: 50,000 enterprises x 20 devices = 1,000,000 devices, 20,000,000 events, no faults.
 */
public final class GenerationBenchmark {

    private GenerationBenchmark() { }

    public static void main(String[] args) {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int devicesPerEnterprise = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000L;
        FaultRates faults = args.length > 3 ? FaultRates.parse(args[3]) : FaultRates.NONE;
        // A clock that stands still a day after the start: a day of backfill, generated flat out.
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withEnterprises(enterprises)
                .withDevicesPerEnterprise(devicesPerEnterprise)
                .withRatePerSecond(Double.POSITIVE_INFINITY)
                .withBackfill(Duration.ofDays(1))
                .withFaults(faults);

        long heapBefore = usedHeapAfterGc();
        long drawStart = System.nanoTime();
        CountingSink sink = new CountingSink();
        Simulator simulator = new Simulator(settings, clock, sink);
        long drawNanos = System.nanoTime() - drawStart;
        long heapWithFleet = usedHeapAfterGc();

        // Warm up the JIT on a tenth of the run, then measure the rest.
        long warmUp = events / 10;
        while (sink.events() < warmUp) {
            simulator.emitDue();
        }
        long measuredFrom = sink.events();
        long start = System.nanoTime();
        while (sink.events() < events) {
            simulator.emitDue();
        }
        long nanos = System.nanoTime() - start;
        long generated = sink.events() - measuredFrom;
        long heapAfter = usedHeapAfterGc();

        FleetSummary fleet = simulator.fleet();
        System.out.printf("fleet: %,d enterprises, %,d lines, %,d devices, drawn in %,d ms%n",
                fleet.enterprises(), fleet.lines(), fleet.devices(), drawNanos / 1_000_000);
        System.out.printf("generated: %,d events in %,d ms = %,d events/s (simulated time reached %s)%n",
                generated, nanos / 1_000_000, Math.round(generated / (nanos / 1e9)), simulator.simulatedTime());
        System.out.printf("heap used after GC: before %,d MB, with fleet %,d MB, after %,d events %,d MB%n",
                heapBefore >> 20, heapWithFleet >> 20, sink.events(), heapAfter >> 20);
        System.out.printf("faults: %s%n", simulator.faultCounters());
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
