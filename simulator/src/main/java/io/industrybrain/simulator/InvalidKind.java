package io.industrybrain.simulator;

/**
 * The ways an injected invalid record breaks the contract while still being schema-valid; the
 * pipeline dead-letters each of them with reason {@code INVALID}. The record is a copy of a
 * real event with one field broken and its id made distinct, so it can never pass for a duplicate.
 */
public enum InvalidKind {
    /** goodUnits/defectUnits, batch quantity or shift workers below 0. */
    NEGATIVE_COUNT,
    /** Telemetry energyKwh is NaN. */
    NAN_ENERGY,
    /** A shift of more than 24 hours. */
    HOURS_OVER_24,
    /** An empty deviceId, batchId or shiftId. */
    EMPTY_ID,
    /** An event time one hour ahead of the wall clock (the contract tolerates 5 minutes). */
    FUTURE_EVENT_TIME
}
