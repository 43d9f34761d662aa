package io.industrybrain.simulator;

import java.util.Map;

/**
 * A snapshot of what the simulator has sent, with every injected fault counted at the moment
 * it reaches the sink. After {@link Simulator#drain()} nothing is held back, and the pipeline's
 * outcome counters for the same run should read:
 * <ul>
 *   <li>duplicates dropped = {@link #duplicates()}</li>
 *   <li>dead letters {@code DESERIALIZATION} = {@link #malformed()}, {@code INVALID} = {@link #invalid()},
 *       {@code UNKNOWN_ENTERPRISE} = {@link #unknownEnterprise()}, {@code LATE} = {@link #late()}</li>
 *   <li>accepted = {@link #expectedAccepted()}</li>
 * </ul>
 * Reordered and outage-held records are accepted (they arrive within grace).
 *
 * @param recordsSent every event record and raw record sent, faulty ones included, reference data not
 * @param referenceRecords Enterprise reference records sent
 * @param duplicates exact resends
 * @param reordered telemetry samples sent after a later sample of the same device
 * @param outages gateway outages whose held samples have been sent in a burst
 * @param outageHeldRecords samples sent in those bursts
 * @param late telemetry samples older than window + grace behind the stream
 * @param malformed records whose bytes are not the wire format
 * @param invalid schema-valid records with a value out of range, all kinds
 * @param invalidByKind the invalid records by kind; every kind is present
 * @param unknownEnterprise records of enterprises that have no reference data
 */
public record FaultCounters(
        long recordsSent,
        long referenceRecords,
        long duplicates,
        long reordered,
        long outages,
        long outageHeldRecords,
        long late,
        long malformed,
        long invalid,
        Map<InvalidKind, Long> invalidByKind,
        long unknownEnterprise) {

    public FaultCounters {
        invalidByKind = Map.copyOf(invalidByKind);
    }

    /** The records the pipeline should dead-letter, all reasons together. */
    public long expectedDeadLetters() {
        return late + malformed + invalid + unknownEnterprise;
    }

    /**
     * The records the pipeline should dead-letter with the given reason: {@code DESERIALIZATION},
     * {@code INVALID}, {@code UNKNOWN_ENTERPRISE} or {@code LATE}.
     */
    public long expectedDeadLetters(String reason) {
        return switch (reason) {
            case "DESERIALIZATION" -> malformed;
            case "INVALID" -> invalid;
            case "UNKNOWN_ENTERPRISE" -> unknownEnterprise;
            case "LATE" -> late;
            default -> throw new IllegalArgumentException("not a dead-letter reason: " + reason);
        };
    }

    /** The records the pipeline should count in its metrics. */
    public long expectedAccepted() {
        return recordsSent - duplicates - expectedDeadLetters();
    }
}
