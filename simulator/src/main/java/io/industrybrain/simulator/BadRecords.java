package io.industrybrain.simulator;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Makes the records of injected faults from a real event. Every such record gets an id no real
 * record has (another telemetry seq variant, a suffixed batch or shift id, an unknown
 * enterprise), so the pipeline can only see it for the fault it carries, never as a duplicate.
 */
final class BadRecords {

    /** Telemetry seq variants: 0 is a real sample ({@link Machines#seq}). */
    static final int LATE_VARIANT = 1;
    static final int INVALID_VARIANT = 2;
    /** Far beyond the 5 minutes the contract tolerates, well within what a broker accepts. */
    static final Duration FUTURE_LEAD = Duration.ofHours(1);
    /** Margin past window + grace, so a late sample is late under any clock skew between stages. */
    static final Duration LATE_MARGIN = Duration.ofMinutes(1);
    /** Bigger than any schema id a registry hands out in practice. */
    private static final int UNKNOWN_SCHEMA_ID = Integer.MAX_VALUE;
    private static final int UNKNOWN_ENTERPRISES = 5;

    private static final InvalidKind[] TELEMETRY_KINDS = {
        InvalidKind.NEGATIVE_COUNT, InvalidKind.NAN_ENERGY, InvalidKind.EMPTY_ID, InvalidKind.FUTURE_EVENT_TIME};
    private static final InvalidKind[] BATCH_KINDS = {
        InvalidKind.NEGATIVE_COUNT, InvalidKind.EMPTY_ID, InvalidKind.FUTURE_EVENT_TIME};
    private static final InvalidKind[] SHIFT_KINDS = {
        InvalidKind.NEGATIVE_COUNT, InvalidKind.HOURS_OVER_24, InvalidKind.EMPTY_ID, InvalidKind.FUTURE_EVENT_TIME};

    private final SplittableRandom random;
    private final Clock clock;
    private final long lateByMillis;
    /** Numbers the records of unknown enterprises, which have no natural unique id. */
    private long unknownSerial;

    BadRecords(SplittableRandom random, Clock clock, Duration window, Duration grace) {
        this.random = random;
        this.clock = clock;
        this.lateByMillis = window.plus(grace).plus(LATE_MARGIN).toMillis();
    }

    /**
     * A copy of a sample from window + grace + 1 min before it. It is sent right after the
     * device's current sample, so whatever stage sees it has seen that sample first: its window
     * closed at least a minute ago there.
     */
    MachineTelemetry late(MachineTelemetry sample) {
        long eventTime = sample.getEventTime().toEpochMilli() - lateByMillis;
        return MachineTelemetry.newBuilder(sample)
                .setSeq(Machines.seq(eventTime, LATE_VARIANT))
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .build();
    }

    /** Bytes that cannot be read as the wire format: JSON text, a cut-off header, or an unknown schema id. */
    byte[] malformed(Object record) {
        return switch (random.nextInt(3)) {
            case 0 -> record.toString().getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {0, 0, 0};
            default -> {
                byte[] bytes = new byte[5 + 8];
                random.nextBytes(bytes);
                bytes[0] = 0;
                bytes[1] = (byte) (UNKNOWN_SCHEMA_ID >>> 24);
                bytes[2] = (byte) (UNKNOWN_SCHEMA_ID >>> 16);
                bytes[3] = (byte) (UNKNOWN_SCHEMA_ID >>> 8);
                bytes[4] = (byte) UNKNOWN_SCHEMA_ID;
                yield bytes;
            }
        };
    }

    InvalidKind pickKind(Class<?> recordType) {
        InvalidKind[] kinds = recordType == MachineTelemetry.class ? TELEMETRY_KINDS
                : recordType == ProductionOutput.class ? BATCH_KINDS
                : recordType == WorkShift.class ? SHIFT_KINDS
                : new InvalidKind[] {InvalidKind.FUTURE_EVENT_TIME};
        return kinds[random.nextInt(kinds.length)];
    }

    MachineTelemetry invalid(MachineTelemetry sample, InvalidKind kind) {
        MachineTelemetry.Builder copy = MachineTelemetry.newBuilder(sample)
                .setSeq(Machines.seq(sample.getEventTime().toEpochMilli(), INVALID_VARIANT));
        switch (kind) {
            case NEGATIVE_COUNT -> copy.setDefectUnits(-1 - random.nextInt(5));
            case NAN_ENERGY -> copy.setEnergyKwh(Double.NaN);
            case EMPTY_ID -> copy.setDeviceId("");
            case FUTURE_EVENT_TIME -> copy.setEventTime(future());
            default -> throw new IllegalArgumentException("no " + kind + " for telemetry");
        }
        return copy.build();
    }

    ProductionOutput invalid(ProductionOutput batch, InvalidKind kind) {
        ProductionOutput.Builder copy = ProductionOutput.newBuilder(batch).setBatchId(batch.getBatchId() + "-X");
        switch (kind) {
            case NEGATIVE_COUNT -> copy.setQuantity(-1L - random.nextInt(100));
            case EMPTY_ID -> copy.setBatchId("");
            case FUTURE_EVENT_TIME -> copy.setEventTime(future());
            default -> throw new IllegalArgumentException("no " + kind + " for a batch");
        }
        return copy.build();
    }

    WorkShift invalid(WorkShift shift, InvalidKind kind) {
        WorkShift.Builder copy = WorkShift.newBuilder(shift).setShiftId(shift.getShiftId() + "-X");
        switch (kind) {
            case NEGATIVE_COUNT -> copy.setWorkers(-1 - random.nextInt(10));
            case HOURS_OVER_24 -> copy.setHours(24.5 + random.nextInt(48) / 2.0);
            case EMPTY_ID -> copy.setShiftId("");
            case FUTURE_EVENT_TIME -> copy.setEventTime(future());
            default -> throw new IllegalArgumentException("no " + kind + " for a shift");
        }
        return copy.build();
    }

    ProcessHeartbeat invalid(ProcessHeartbeat heartbeat, InvalidKind kind) {
        if (kind != InvalidKind.FUTURE_EVENT_TIME) {
            throw new IllegalArgumentException("no " + kind + " for a heartbeat");
        }
        return ProcessHeartbeat.newBuilder(heartbeat).setEventTime(future()).build();
    }

    MachineTelemetry unknownEnterprise(MachineTelemetry sample) {
        String enterpriseId = unknownEnterpriseId();
        return MachineTelemetry.newBuilder(sample)
                .setDeviceId(Ids.deviceId(enterpriseId, 0))
                .setEnterpriseId(enterpriseId)
                .setLineId(Ids.lineId(enterpriseId, 0))
                .setSeq(++unknownSerial)
                .setGatewayId(Ids.gatewayId(enterpriseId))
                .build();
    }

    ProductionOutput unknownEnterprise(ProductionOutput batch) {
        String enterpriseId = unknownEnterpriseId();
        String lineId = Ids.lineId(enterpriseId, 0);
        return ProductionOutput.newBuilder(batch)
                .setBatchId(lineId + "-B" + (++unknownSerial))
                .setEnterpriseId(enterpriseId)
                .setLineId(lineId)
                .build();
    }

    WorkShift unknownEnterprise(WorkShift shift) {
        String enterpriseId = unknownEnterpriseId();
        return WorkShift.newBuilder(shift)
                .setShiftId(enterpriseId + "-S" + (++unknownSerial))
                .setEnterpriseId(enterpriseId)
                .build();
    }

    ProcessHeartbeat unknownEnterprise(ProcessHeartbeat heartbeat) {
        return ProcessHeartbeat.newBuilder(heartbeat).setEnterpriseId(unknownEnterpriseId()).build();
    }

    private String unknownEnterpriseId() {
        return Ids.unknownEnterpriseId(random.nextInt(UNKNOWN_ENTERPRISES));
    }

    private Instant future() {
        return clock.instant().plus(FUTURE_LEAD);
    }
}
