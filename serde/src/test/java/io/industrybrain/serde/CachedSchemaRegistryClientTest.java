package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.schema.Enterprise;
import java.time.Instant;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {

    /** Counts the calls that would be HTTP requests to a real registry. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistry delegate = new InMemorySchemaRegistry();
        int registrations;
        int lookups;
        int byId;

        @Override public int register(String subject, Schema schema) { registrations++; return delegate.register(subject, schema); }
        @Override public int idOf(String subject, Schema schema) { lookups++; return delegate.idOf(subject, schema); }
        @Override public Schema schemaById(int id) { byId++; return delegate.schemaById(id); }
    }

    @Test
    void aSerializerAsksTheRegistryOncePerSchema() {
        CountingRegistry registry = new CountingRegistry();
        AvroSerializer<Enterprise> serializer = new AvroSerializer<>(new CachedSchemaRegistryClient(registry), true);
        Enterprise e1 = new Enterprise("E1", "A", "HZ", "IC", true, 100, Instant.EPOCH);

        serializer.serialize("brain.enterprises", e1);
        serializer.serialize("brain.enterprises", e1);
        serializer.serialize("other", e1);

        assertEquals(2, registry.registrations, "one registration per subject");
    }

    @Test
    void aRegisteredSchemaIsKnownByIdWithoutAnotherRequest() {
        CountingRegistry registry = new CountingRegistry();
        CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry);

        int id = cached.register("s-value", Enterprise.getClassSchema());

        assertSame(Enterprise.getClassSchema(), cached.schemaById(id));
        assertEquals(0, registry.byId);
    }

    @Test
    void refusalsAreNotRemembered() {
        CountingRegistry registry = new CountingRegistry();
        CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry);

        assertThrows(SchemaRegistryException.class, () -> cached.idOf("s-value", Enterprise.getClassSchema()));
        registry.register("s-value", Enterprise.getClassSchema());

        assertEquals(1, cached.idOf("s-value", Enterprise.getClassSchema()));
        assertEquals(2, registry.lookups);
    }
}
