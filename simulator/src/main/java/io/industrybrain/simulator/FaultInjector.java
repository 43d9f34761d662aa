package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Stands between the generator and the sink and injects faults into the clean event stream,
 * counting each one when its record reaches the sink.
 *
 * <p>Each event draws at most one fault, from its own random stream, so the clean events are the
 * same whatever the fault rates. Faults never take a real event away: duplicates, late,
 * malformed, invalid and unknown-enterprise records come in addition to it, reorders and outages
 * only delay it. Kinds that make no sense for a record type are no fault for it (a heartbeat has
 * no id, so a resend is not a duplicate; only telemetry goes through the gateway).
 *
 * <p>Held-back records stay within grace: a reordered sample goes right after the device's next
 * one, and an outage's burst goes right after the first event at or past its end that is
 * delivered at once (never held, never faulty); {@link SimulatorSettings} checks the durations
 * against the grace. So every held-back record arrives after a record with a later event time.
 */
final class FaultInjector {

    private enum Fault { NONE, DUPLICATE, REORDER, LATE, OUTAGE, MALFORMED, INVALID, UNKNOWN_ENTERPRISE }

    private static final Fault[] FAULTS = Fault.values();

    private final EventSink sink;
    private final SplittableRandom random;
    private final BadRecords bad;
    private final long outageMillis;
    /** Cumulative rates by {@link Fault} ordinal; NONE takes what is left. */
    private final double[] cumulative = new double[FAULTS.length];
    private final boolean faultsOn;

    /** Samples held back by a reorder fault, by device. */
    private final Map<Integer, MachineTelemetry> reorderHeld = new HashMap<>();
    private final Map<Integer, Outage> outageByEnterprise = new HashMap<>();
    /** All outages last as long, so they end in the order they began. */
    private final ArrayDeque<Outage> outages = new ArrayDeque<>();

    private long recordsSent;
    private long referenceRecords;
    private long duplicates;
    private long reordered;
    private long outagesReleased;
    private long outageHeldRecords;
    private long late;
    private long malformed;
    private final EnumMap<InvalidKind, Long> invalidByKind = new EnumMap<>(InvalidKind.class);
    private long unknownEnterprise;

    /** A gateway that is down, and the samples it holds in arrival order. */
    private static final class Outage {
        final int enterprise;
        final long endMillis;
        final List<MachineTelemetry> held = new ArrayList<>();
        /** Marks held samples that a reorder fault had already held back. */
        final List<Boolean> reorderedFlags = new ArrayList<>();

        Outage(int enterprise, long endMillis) {
            this.enterprise = enterprise;
            this.endMillis = endMillis;
        }

        void hold(MachineTelemetry sample, boolean wasReordered) {
            held.add(sample);
            reorderedFlags.add(wasReordered);
        }
    }

    FaultInjector(EventSink sink, SimulatorSettings settings, SplittableRandom random, Clock clock) {
        this.sink = sink;
        this.random = random;
        this.bad = new BadRecords(random, clock, settings.window(), settings.grace());
        this.outageMillis = settings.outageDuration().toMillis();
        FaultRates rates = settings.faults();
        double[] byFault = {0, rates.duplicate(), rates.reorder(), rates.late(), rates.outage(), rates.malformed(),
            rates.invalid(), rates.unknownEnterprise()};
        double sum = 0;
        for (int f = 1; f < FAULTS.length; f++) {
            sum += byFault[f];
            cumulative[f] = sum;
        }
        this.faultsOn = sum > 0;
        for (InvalidKind kind : InvalidKind.values()) {
            invalidByKind.put(kind, 0L);
        }
    }

    void reference(Enterprise enterprise) {
        sink.enterprise(enterprise);
        referenceRecords++;
    }

    void telemetry(MachineTelemetry sample, int device, int enterprise) {
        long eventTime = sample.getEventTime().toEpochMilli();
        Outage own = outageByEnterprise.get(enterprise);
        if (own != null && own.endMillis > eventTime) {
            // Held by its own gateway: a burst due now waits for an event that is delivered.
            route(sample, device, enterprise);
            return;
        }
        List<Outage> ended = endOutages(eventTime);
        boolean clean = ended != null || reorderHeld.containsKey(device);
        switch (clean ? Fault.NONE : draw()) {
            case DUPLICATE -> {
                send(sample);
                send(sample);
                duplicates++;
            }
            case REORDER -> reorderHeld.put(device, sample);
            case LATE -> {
                send(sample);
                send(bad.late(sample));
                late++;
            }
            case OUTAGE -> {
                Outage outage = new Outage(enterprise, eventTime + outageMillis);
                outage.hold(sample, false);
                outageByEnterprise.put(enterprise, outage);
                outages.addLast(outage);
            }
            case MALFORMED -> {
                send(sample);
                sendMalformed(EventTopic.TELEMETRY, sample.getDeviceId(), sample);
            }
            case INVALID -> {
                send(sample);
                InvalidKind kind = bad.pickKind(MachineTelemetry.class);
                send(bad.invalid(sample, kind));
                countInvalid(kind);
            }
            case UNKNOWN_ENTERPRISE -> {
                send(sample);
                send(bad.unknownEnterprise(sample));
                unknownEnterprise++;
            }
            default -> route(sample, device, enterprise);
        }
        release(ended);
    }

    void production(ProductionOutput batch) {
        List<Outage> ended = endOutages(batch.getEventTime().toEpochMilli());
        switch (ended != null ? Fault.NONE : draw()) {
            case DUPLICATE -> {
                send(batch);
                send(batch);
                duplicates++;
            }
            case MALFORMED -> {
                send(batch);
                sendMalformed(EventTopic.PRODUCTION, batch.getEnterpriseId(), batch);
            }
            case INVALID -> {
                send(batch);
                InvalidKind kind = bad.pickKind(ProductionOutput.class);
                send(bad.invalid(batch, kind));
                countInvalid(kind);
            }
            case UNKNOWN_ENTERPRISE -> {
                send(batch);
                send(bad.unknownEnterprise(batch));
                unknownEnterprise++;
            }
            default -> send(batch);
        }
        release(ended);
    }

    void shift(WorkShift shift) {
        List<Outage> ended = endOutages(shift.getEventTime().toEpochMilli());
        switch (ended != null ? Fault.NONE : draw()) {
            case DUPLICATE -> {
                send(shift);
                send(shift);
                duplicates++;
            }
            case MALFORMED -> {
                send(shift);
                sendMalformed(EventTopic.SHIFTS, shift.getEnterpriseId(), shift);
            }
            case INVALID -> {
                send(shift);
                InvalidKind kind = bad.pickKind(WorkShift.class);
                send(bad.invalid(shift, kind));
                countInvalid(kind);
            }
            case UNKNOWN_ENTERPRISE -> {
                send(shift);
                send(bad.unknownEnterprise(shift));
                unknownEnterprise++;
            }
            default -> send(shift);
        }
        release(ended);
    }

    void heartbeat(ProcessHeartbeat heartbeat) {
        List<Outage> ended = endOutages(heartbeat.getEventTime().toEpochMilli());
        switch (ended != null ? Fault.NONE : draw()) {
            case MALFORMED -> {
                send(heartbeat);
                sendMalformed(EventTopic.PROCESSES, heartbeat.getEnterpriseId(), heartbeat);
            }
            case INVALID -> {
                send(heartbeat);
                InvalidKind kind = bad.pickKind(ProcessHeartbeat.class);
                send(bad.invalid(heartbeat, kind));
                countInvalid(kind);
            }
            case UNKNOWN_ENTERPRISE -> {
                send(heartbeat);
                send(bad.unknownEnterprise(heartbeat));
                unknownEnterprise++;
            }
            default -> send(heartbeat);
        }
        release(ended);
    }

    /**
     * Sends everything still held back and flushes: outages end early with their bursts, then
     * the samples held for a reorder go out by device. No later sample of their device has gone
     * out, so those are no longer out of order and are not counted as reordered.
     */
    void drain() {
        List<Outage> all = new ArrayList<>(outages);
        outages.clear();
        outageByEnterprise.clear();
        release(all.isEmpty() ? null : all);
        for (MachineTelemetry sample : new TreeMap<>(reorderHeld).values()) {
            send(sample);
        }
        reorderHeld.clear();
        sink.flush();
    }

    FaultCounters counters() {
        long invalid = invalidByKind.values().stream().mapToLong(Long::longValue).sum();
        return new FaultCounters(recordsSent, referenceRecords, duplicates, reordered, outagesReleased,
                outageHeldRecords, late, malformed, invalid, invalidByKind, unknownEnterprise);
    }

    long recordsSent() {
        return recordsSent;
    }

    /** Delivers a sample that carries no new fault, through its gateway's outage and its device's held sample. */
    private void route(MachineTelemetry sample, int device, int enterprise) {
        Outage outage = outageByEnterprise.get(enterprise);
        MachineTelemetry held = reorderHeld.remove(device);
        if (outage != null) {
            outage.hold(sample, false);
            if (held != null) {
                outage.hold(held, true);
            }
            return;
        }
        send(sample);
        if (held != null) {
            sendReordered(held);
        }
    }

    /** Takes the outages that end by {@code eventTimeMillis} off the gateways; null when none does. */
    private List<Outage> endOutages(long eventTimeMillis) {
        if (outages.isEmpty() || outages.peekFirst().endMillis > eventTimeMillis) {
            return null;
        }
        List<Outage> ended = new ArrayList<>(1);
        while (!outages.isEmpty() && outages.peekFirst().endMillis <= eventTimeMillis) {
            Outage outage = outages.removeFirst();
            outageByEnterprise.remove(outage.enterprise);
            ended.add(outage);
        }
        return ended;
    }

    private void release(List<Outage> ended) {
        if (ended == null) {
            return;
        }
        for (Outage outage : ended) {
            for (int i = 0; i < outage.held.size(); i++) {
                if (outage.reorderedFlags.get(i)) {
                    sendReordered(outage.held.get(i));
                } else {
                    send(outage.held.get(i));
                    outageHeldRecords++;
                }
            }
            outagesReleased++;
        }
    }

    private Fault draw() {
        if (!faultsOn) {
            return Fault.NONE;
        }
        double u = random.nextDouble();
        for (int f = 1; f < FAULTS.length; f++) {
            if (u < cumulative[f]) {
                return FAULTS[f];
            }
        }
        return Fault.NONE;
    }

    private void sendReordered(MachineTelemetry sample) {
        send(sample);
        reordered++;
    }

    private void sendMalformed(EventTopic topic, String key, Object record) {
        sink.raw(topic, key, bad.malformed(record));
        recordsSent++;
        malformed++;
    }

    private void countInvalid(InvalidKind kind) {
        invalidByKind.merge(kind, 1L, Long::sum);
    }

    private void send(MachineTelemetry sample) {
        sink.telemetry(sample);
        recordsSent++;
    }

    private void send(ProductionOutput batch) {
        sink.production(batch);
        recordsSent++;
    }

    private void send(WorkShift shift) {
        sink.shift(shift);
        recordsSent++;
    }

    private void send(ProcessHeartbeat heartbeat) {
        sink.heartbeat(heartbeat);
        recordsSent++;
    }
}
