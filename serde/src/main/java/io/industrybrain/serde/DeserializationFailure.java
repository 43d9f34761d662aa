package io.industrybrain.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose bytes cannot be turned into a value. The subclass says why, so that the pipeline
 * can dead-letter the record with the right reason; retrying such a record can never succeed.
 * A registry that cannot be reached is not one of these: see {@link SchemaRegistryException}.
 */
public abstract sealed class DeserializationFailure extends SerializationException
        permits NotWireFormatException, UnknownSchemaIdException, UndecodableBodyException {

    protected DeserializationFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable name of the failure, for headers and metrics. */
    public abstract String kind();
}
