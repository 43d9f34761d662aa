package io.industrybrain.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers every answer of the registry it wraps: ids never change meaning, so a schema costs one
 * request per process. Refusals (unknown id, unregistered schema) are not remembered, because a
 * later registration can make the same question succeed.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) { }

    private final SchemaRegistryClient registry;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    public CachedSchemaRegistryClient(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> remember(schema,
                registry.register(subject, schema)));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> remember(schema,
                registry.idOf(subject, schema)));
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, registry::schemaById);
    }

    private int remember(Schema schema, int id) {
        schemasById.putIfAbsent(id, schema);
        return id;
    }
}
