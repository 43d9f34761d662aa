package io.industrybrain.connectors;

import org.apache.kafka.connect.errors.DataException;

/**
 * A message that cannot become one of the contract's records: not JSON, a required field missing, a
 * field of the wrong JSON type, an id that contradicts the MQTT topic, a topic outside the layout.
 * Retrying can never succeed; the message goes to the dead-letter topic (or fails the task when
 * errors are not tolerated). Values that are merely out of range are not this: the pipeline judges them.
 */
public final class UnmappablePayloadException extends DataException {
    public UnmappablePayloadException(String message) {
        super(message);
    }

    public UnmappablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
