package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, independent model of the pipeline's input outcomes as docs/contract.md states them, fed by
 * the simulator in arrival order: every record is counted as accepted, a duplicate, or one
 * dead-letter reason. It also checks that no record could fall under two outcomes, so that the
 * pipeline's order of checks cannot change the counts.
 *
 * <p>Stream time here is the latest event time accepted anywhere; the pipeline keeps it per
 * partition, which is never later, and the simulator's late records are a full minute past
 * closing even for the device's own partition.
 */
final class OutcomeOracle implements EventSink {

    enum Outcome { ACCEPTED, DUPLICATE, DESERIALIZATION, INVALID, UNKNOWN_ENTERPRISE, LATE }

    /** An accepted telemetry sample, in arrival order, and whether it arrived behind stream time. */
    record Accepted(MachineTelemetry sample, boolean behindStreamTime) { }

    private final Clock clock;
    private final long windowMillis;
    private final long graceMillis;
    private final Set<String> knownEnterprises = new HashSet<>();
    private final Set<String> seenIds = new HashSet<>();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<InvalidKind, Long> invalidKinds = new EnumMap<>(InvalidKind.class);
    private final Map<String, Long> highestSeq = new HashMap<>();
    final List<Accepted> acceptedTelemetry = new ArrayList<>();
    private long streamTime = Long.MIN_VALUE;
    private long behindStreamTime;
    private long behindDeviceSeq;

    OutcomeOracle(Clock clock, Duration window, Duration grace) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.graceMillis = grace.toMillis();
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        for (InvalidKind kind : InvalidKind.values()) {
            invalidKinds.put(kind, 0L);
        }
    }

    long count(Outcome outcome) {
        return outcomes.get(outcome);
    }

    Map<InvalidKind, Long> invalidKinds() {
        return invalidKinds;
    }

    /** Accepted records whose event time is before the stream time they arrived at. */
    long behindStreamTime() {
        return behindStreamTime;
    }

    /** Accepted samples that arrived after a sample of the same device with a higher seq. */
    long behindDeviceSeq() {
        return behindDeviceSeq;
    }

    long total() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void enterprise(Enterprise enterprise) {
        knownEnterprises.add(enterprise.getEnterpriseId());
    }

    @Override
    public void telemetry(MachineTelemetry s) {
        List<InvalidKind> invalid = new ArrayList<>();
        if (s.getDeviceId().isEmpty() || s.getEnterpriseId().isEmpty() || s.getLineId().isEmpty()) {
            invalid.add(InvalidKind.EMPTY_ID);
        }
        if (s.getGoodUnits() < 0 || s.getDefectUnits() < 0) {
            invalid.add(InvalidKind.NEGATIVE_COUNT);
        }
        if (Double.isNaN(s.getEnergyKwh())) {
            invalid.add(InvalidKind.NAN_ENERGY);
        }
        if (s.getSampleSeconds() <= 0 || Double.isInfinite(s.getEnergyKwh()) || s.getEnergyKwh() < 0) {
            throw new AssertionError("the simulator breaks no other rule: " + s);
        }
        Outcome outcome = classify(invalid, s.getEnterpriseId(), s.getEventTime(),
                "telemetry:" + s.getDeviceId() + ":" + s.getSeq());
        if (outcome == Outcome.ACCEPTED) {
            long seq = s.getSeq();
            Long highest = highestSeq.get(s.getDeviceId());
            if (highest != null && highest > seq) {
                behindDeviceSeq++;
            }
            highestSeq.merge(s.getDeviceId(), seq, Math::max);
            acceptedTelemetry.add(new Accepted(s, s.getEventTime().toEpochMilli() < streamTime));
        }
        accept(outcome, s.getEventTime());
    }

    @Override
    public void production(ProductionOutput b) {
        List<InvalidKind> invalid = new ArrayList<>();
        if (b.getBatchId().isEmpty() || b.getEnterpriseId().isEmpty() || b.getLineId().isEmpty()) {
            invalid.add(InvalidKind.EMPTY_ID);
        }
        if (b.getQuantity() < 0) {
            invalid.add(InvalidKind.NEGATIVE_COUNT);
        }
        if (!(b.getOutputValueCny() >= 0) || !(b.getAddedValueCny() >= 0)
                || Double.isInfinite(b.getOutputValueCny()) || Double.isInfinite(b.getAddedValueCny())) {
            throw new AssertionError("the simulator breaks no other rule: " + b);
        }
        accept(classify(invalid, b.getEnterpriseId(), b.getEventTime(), "batch:" + b.getBatchId()), b.getEventTime());
    }

    @Override
    public void shift(WorkShift w) {
        List<InvalidKind> invalid = new ArrayList<>();
        if (w.getShiftId().isEmpty() || w.getEnterpriseId().isEmpty()) {
            invalid.add(InvalidKind.EMPTY_ID);
        }
        if (w.getWorkers() < 0) {
            invalid.add(InvalidKind.NEGATIVE_COUNT);
        }
        if (w.getHours() > 24) {
            invalid.add(InvalidKind.HOURS_OVER_24);
        }
        if (!(w.getHours() >= 0)) {
            throw new AssertionError("the simulator breaks no other rule: " + w);
        }
        accept(classify(invalid, w.getEnterpriseId(), w.getEventTime(), "shift:" + w.getShiftId()), w.getEventTime());
    }

    @Override
    public void heartbeat(ProcessHeartbeat h) {
        List<InvalidKind> invalid = new ArrayList<>();
        if (h.getEnterpriseId().isEmpty() || h.getSystem().isEmpty()) {
            invalid.add(InvalidKind.EMPTY_ID);
        }
        // A heartbeat has no id: a resend is a new heartbeat, never a duplicate.
        accept(classify(invalid, h.getEnterpriseId(), h.getEventTime(), null), h.getEventTime());
    }

    @Override
    public void raw(EventTopic topic, String key, byte[] value) {
        boolean wireFormat = value.length >= 5 && value[0] == 0;
        boolean unknownSchema = wireFormat
                && ((value[1] & 0xFF) << 24 | (value[2] & 0xFF) << 16 | (value[3] & 0xFF) << 8 | (value[4] & 0xFF))
                == Integer.MAX_VALUE;
        if (wireFormat && !unknownSchema) {
            throw new AssertionError("raw bytes that might decode: " + java.util.Arrays.toString(value));
        }
        outcomes.merge(Outcome.DESERIALIZATION, 1L, Long::sum);
    }

    private Outcome classify(List<InvalidKind> invalid, String enterpriseId, Instant eventTime, String id) {
        long time = eventTime.toEpochMilli();
        if (time > clock.millis() + Duration.ofMinutes(5).toMillis()) {
            invalid.add(InvalidKind.FUTURE_EVENT_TIME);
        }
        List<Outcome> applicable = new ArrayList<>();
        if (!invalid.isEmpty()) {
            applicable.add(Outcome.INVALID);
        }
        if (!knownEnterprises.contains(enterpriseId)) {
            applicable.add(Outcome.UNKNOWN_ENTERPRISE);
        }
        long windowEnd = Math.floorDiv(time, windowMillis) * windowMillis + windowMillis;
        if (windowEnd + graceMillis <= streamTime) {
            applicable.add(Outcome.LATE);
        }
        if (id != null && seenIds.contains(id)) {
            applicable.add(Outcome.DUPLICATE);
        }
        if (applicable.size() > 1 || invalid.size() > 1) {
            throw new AssertionError("ambiguous record, it is " + applicable + " " + invalid + ": " + id);
        }
        if (applicable.isEmpty()) {
            if (id != null) {
                seenIds.add(id);
            }
            return Outcome.ACCEPTED;
        }
        if (applicable.get(0) == Outcome.INVALID) {
            invalidKinds.merge(invalid.get(0), 1L, Long::sum);
        }
        return applicable.get(0);
    }

    private void accept(Outcome outcome, Instant eventTime) {
        outcomes.merge(outcome, 1L, Long::sum);
        if (outcome == Outcome.ACCEPTED) {
            long time = eventTime.toEpochMilli();
            if (time < streamTime) {
                behindStreamTime++;
            }
            streamTime = Math.max(streamTime, time);
        }
    }
}
