package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated province, as its records show it: who is in it and how they behave. */
class FleetTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void enterprisesSpanEveryCityAndChain() {
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withReferenceChangesPerDay(0),
                new FakeClock(NOW), sink);
        simulator.emitDue();

        List<Enterprise> enterprises = sink.enterprises;
        assertEquals(200, enterprises.size());
        assertEquals(200, enterprises.stream().map(Enterprise::getEnterpriseId).distinct().count());
        assertEquals(Set.of("HZ", "NB", "WZ", "JX", "HU", "SX", "JH", "QZ", "ZS", "TZ", "LS"),
                enterprises.stream().map(Enterprise::getRegion).collect(Collectors.toSet()));
        assertEquals(Set.of("DIGITAL_SECURITY", "HIGH_END_SOFTWARE", "INTEGRATED_CIRCUITS", "NETWORK_COMMUNICATION",
                        "INTELLIGENT_COMPUTING", "TEXTILES", "AUTO_PARTS", "MACHINERY", "HOME_APPLIANCES"),
                enterprises.stream().map(Enterprise::getIndustryChain).collect(Collectors.toSet()));
        assertEquals(Set.of("DIGITAL_SECURITY", "HIGH_END_SOFTWARE", "INTEGRATED_CIRCUITS", "NETWORK_COMMUNICATION",
                        "INTELLIGENT_COMPUTING"),
                Arrays.stream(IndustryChain.values()).filter(IndustryChain::signature).map(IndustryChain::code)
                        .collect(Collectors.toSet()), "the plan's five signature chains");
        long aboveScale = enterprises.stream().filter(Enterprise::getAboveScale).count();
        assertTrue(aboveScale > 100 && aboveScale < 140, "above scale: " + aboveScale + " of 200 at a 60 % share");
        assertTrue(enterprises.stream().allMatch(e -> e.getEmployees() > 0 && !e.getName().isEmpty()));
        assertTrue(enterprises.stream().filter(Enterprise::getAboveScale).mapToInt(Enterprise::getEmployees).average()
                .orElseThrow() > 3 * enterprises.stream().filter(e -> !e.getAboveScale())
                .mapToInt(Enterprise::getEmployees).average().orElseThrow(), "above-scale enterprises are larger");
        assertEquals(enterprises.size(), simulator.fleet().enterprises());
    }

    @Test
    void devicesPerEnterpriseSetsTheMachineCountOfEveryEnterprise() {
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(12).withDevicesPerEnterprise(7)
                .withBackfill(Duration.ofMinutes(1)), new FakeClock(NOW), sink);
        while (simulator.emitDue() > 0) {
            // one sample interval
        }

        Map<String, Set<String>> devices = new HashMap<>();
        for (MachineTelemetry sample : sink.of(MachineTelemetry.class)) {
            devices.computeIfAbsent(sample.getEnterpriseId(), e -> new HashSet<>()).add(sample.getDeviceId());
        }
        assertEquals(12, devices.size());
        devices.forEach((enterprise, ids) -> assertEquals(7, ids.size(), enterprise));
        assertEquals(12 * 7, simulator.fleet().devices());
    }

    @Test
    void aDayOfShiftsBatchesAndHeartbeats() {
        RecordingSink sink = new RecordingSink();
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(25).withDevicesPerEnterprise(1)
                .withBackfill(Duration.ofDays(1)).withRatePerSecond(Double.POSITIVE_INFINITY)
                .withReferenceChangesPerDay(0), new FakeClock(NOW), sink);
        while (simulator.emitDue() > 0) {
            // a day
        }
        Map<String, Enterprise> enterprises = sink.enterprises.stream()
                .collect(Collectors.toMap(Enterprise::getEnterpriseId, e -> e));

        // A shift record per enterprise and shift: three of 8 h or two of 12 h in the day before now.
        Map<String, List<WorkShift>> shifts = sink.of(WorkShift.class).stream()
                .filter(shift -> shift.getEventTime().isBefore(NOW))
                .collect(Collectors.groupingBy(WorkShift::getEnterpriseId));
        assertEquals(enterprises.keySet(), shifts.keySet());
        shifts.forEach((enterprise, list) -> {
            double hours = list.get(0).getHours();
            assertTrue(hours == 8.0 && list.size() == 3 || hours == 12.0 && list.size() == 2, enterprise + ": " + list);
            for (WorkShift shift : list) {
                assertTrue(shift.getWorkers() > 0 && shift.getWorkers() <= enterprises.get(enterprise).getEmployees());
            }
        });

        // Batches carry value: output above added value, a positive quantity.
        List<ProductionOutput> batches = sink.of(ProductionOutput.class);
        assertTrue(batches.size() > 25 * 24, "batches: " + batches.size());
        assertTrue(batches.stream().allMatch(b -> b.getQuantity() > 0 && b.getAddedValueCny() > 0
                && b.getOutputValueCny() > b.getAddedValueCny()));
        assertEquals(batches.size(), batches.stream().map(ProductionOutput::getBatchId).distinct().count());

        // Every hour holds a heartbeat from every system of every enterprise, with the same flags each time.
        Map<String, Map<KeyProcess, Set<Boolean>>> digitized = new HashMap<>();
        Map<String, Set<Long>> hoursWithHeartbeats = new HashMap<>();
        for (ProcessHeartbeat heartbeat : sink.of(ProcessHeartbeat.class)) {
            digitized.computeIfAbsent(heartbeat.getEnterpriseId(), e -> new EnumMap<>(KeyProcess.class))
                    .computeIfAbsent(heartbeat.getProcess(), p -> new HashSet<>()).add(heartbeat.getDigitized());
            if (heartbeat.getEventTime().isBefore(NOW)) {
                hoursWithHeartbeats.computeIfAbsent(heartbeat.getEnterpriseId() + heartbeat.getProcess(),
                        k -> new HashSet<>()).add(heartbeat.getEventTime().toEpochMilli() / 3_600_000);
            }
        }
        assertEquals(enterprises.keySet(), digitized.keySet());
        digitized.forEach((enterprise, processes) -> processes.values()
                .forEach(flags -> assertEquals(1, flags.size(), enterprise + " changes its mind: " + processes)));
        hoursWithHeartbeats.forEach((key, hours) -> assertEquals(24, hours.size(), key));
    }

    @Test
    void machinesMoveThroughEveryStateWithRealisticDwellTimes() {
        Map<MachineState, Long> samples = new EnumMap<>(MachineState.class);
        Map<MachineState, long[]> runs = new EnumMap<>(MachineState.class);
        EventSink sink = new DwellSink(samples, runs);
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withEnterprises(30).withDevicesPerEnterprise(20)
                .withBackfill(Duration.ofDays(2)).withRatePerSecond(Double.POSITIVE_INFINITY),
                new FakeClock(NOW), sink);
        while (simulator.emitDue() > 0) {
            // two days
        }

        assertEquals(Set.of(MachineState.values()), samples.keySet());
        double availability = samples.get(MachineState.RUNNING) / (double) (samples.get(MachineState.RUNNING)
                + samples.get(MachineState.IDLE) + samples.get(MachineState.DOWN));
        assertTrue(availability > 0.75 && availability < 0.9, "availability " + availability);
        // Mean minutes per stay in a state (one sample a minute); runs cut by the start or end are few.
        assertMeanDwell(runs, MachineState.RUNNING, 90);
        assertMeanDwell(runs, MachineState.IDLE, 15);
        assertMeanDwell(runs, MachineState.DOWN, 30);
    }

    private static void assertMeanDwell(Map<MachineState, long[]> runs, MachineState state, double minutes) {
        long[] countAndLength = runs.get(state);
        double mean = countAndLength[1] / (double) countAndLength[0];
        assertTrue(Math.abs(mean - minutes) < 0.2 * minutes, state + " lasts " + mean + " min on average");
    }

    /** Counts samples per state, and stays in a state (consecutive samples of a device in it). */
    private static final class DwellSink implements EventSink {
        private final Map<MachineState, Long> samples;
        private final Map<MachineState, long[]> runs;
        private final Map<String, MachineState> previous = new HashMap<>();

        DwellSink(Map<MachineState, Long> samples, Map<MachineState, long[]> runs) {
            this.samples = samples;
            this.runs = runs;
            Arrays.stream(MachineState.values()).forEach(s -> runs.put(s, new long[2]));
        }

        @Override
        public void telemetry(MachineTelemetry sample) {
            samples.merge(sample.getState(), 1L, Long::sum);
            MachineState before = previous.put(sample.getDeviceId(), sample.getState());
            long[] stays = runs.get(sample.getState());
            if (before != sample.getState()) {
                stays[0]++;
            }
            stays[1]++;
        }

        @Override public void enterprise(Enterprise enterprise) { }
        @Override public void production(ProductionOutput batch) { }
        @Override public void shift(WorkShift shift) { }
        @Override public void heartbeat(ProcessHeartbeat heartbeat) { }
        @Override public void raw(EventTopic topic, String key, byte[] value) { }
    }
}
