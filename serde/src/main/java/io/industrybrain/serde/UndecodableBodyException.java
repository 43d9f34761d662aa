package io.industrybrain.serde;

/** The header is valid but the Avro body does not decode with the writer schema it names. */
public final class UndecodableBodyException extends DeserializationFailure {
    public UndecodableBodyException(int schemaId, String detail, Throwable cause) {
        super("body does not decode with schema id " + schemaId + ": " + detail, cause);
    }

    @Override
    public String kind() { return "UNDECODABLE_BODY"; }
}
