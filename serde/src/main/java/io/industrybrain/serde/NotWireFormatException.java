package io.industrybrain.serde;

/** The bytes do not start with the Confluent wire-format header. */
public final class NotWireFormatException extends DeserializationFailure {
    public NotWireFormatException(String message) {
        super("not the Confluent wire format: " + message, null);
    }

    @Override
    public String kind() { return "NOT_WIRE_FORMAT"; }
}
