package io.industrybrain.serde;

/** The header names a schema id that the registry does not know. */
public final class UnknownSchemaIdException extends DeserializationFailure {
    private final int schemaId;

    public UnknownSchemaIdException(int schemaId) {
        super("unknown schema id " + schemaId + ": the schema registry has no schema with this id", null);
        this.schemaId = schemaId;
    }

    public int schemaId() { return schemaId; }

    @Override
    public String kind() { return "UNKNOWN_SCHEMA_ID"; }
}
