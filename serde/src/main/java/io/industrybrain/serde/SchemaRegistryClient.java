package io.industrybrain.serde;

import org.apache.avro.Schema;

/** What the serializers need from a schema registry. Implementations cache and are thread-safe. */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it registered already) and returns its id. */
    int register(String subject, Schema schema);

    /**
     * The id of a schema already registered under the subject.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or
     *     {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when it is not there
     */
    int idOf(String subject, Schema schema);

    /**
     * The schema with this id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when unknown
     */
    Schema schemaById(int id);
}
