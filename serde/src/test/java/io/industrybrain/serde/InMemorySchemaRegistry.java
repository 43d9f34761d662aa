package io.industrybrain.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for unit tests of code that serializes (topologies under
 * TopologyTestDriver, the serde itself). Same rules as the real one: one id per distinct schema,
 * ids from 1 upwards. Shared with other modules through this module's test-jar.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, Map<Schema, Integer>> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = ids.computeIfAbsent(schema, s -> {
            int next = ids.size() + 1;
            schemas.put(next, s);
            return next;
        });
        subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id);
        return id;
    }

    /** Registers under a chosen id, to reproduce byte vectors written with a known id. */
    public synchronized void registerWithId(String subject, Schema schema, int id) {
        ids.put(schema, id);
        schemas.put(id, schema);
        subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id);
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        Map<Schema, Integer> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.", null);
        }
        Integer id = versions.get(schema);
        if (id == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found", null);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found", null);
        }
        return schema;
    }
}
