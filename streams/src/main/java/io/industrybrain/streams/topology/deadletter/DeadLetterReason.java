package io.industrybrain.streams.topology.deadletter;

/** Why an input record went to {@code brain.dlq}; the value of the {@link DeadLetterHeaders#REASON} header. */
public enum DeadLetterReason {
    /** Not the wire format, an unknown schema id, or bytes that do not decode. */
    DESERIALIZATION,
    /** A field outside its range, a NaN or infinite number, an empty id, or an eventTime too far ahead. */
    INVALID,
    /** No reference record for the enterpriseId; {@link DeadLetterReplayer} re-publishes these. */
    UNKNOWN_ENTERPRISE,
    /** The event's window had closed (stream time past its end + grace) when it arrived. */
    LATE
}
