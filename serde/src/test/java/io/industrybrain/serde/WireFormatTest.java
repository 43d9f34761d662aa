package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors written by hand from the published format: magic byte 0, schema id as a 4-byte
 * big-endian int, then Avro binary (zig-zag varints for int/long, length-prefixed UTF-8 strings,
 * one byte for a boolean).
 */
class WireFormatTest {

    private static final Schema POINT = new Schema.Parser().parse("""
            {"type":"record","name":"Point","fields":[
              {"name":"x","type":"int"},{"name":"label","type":"string"}]}""");

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    // Point{x=1, label="ab"} under schema id 42: 00 | 00 00 00 2A | 02 (zigzag 1) | 04 (length 2) 61 62
    private static final byte[] POINT_VECTOR = bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x02, 0x04, 0x61, 0x62);

    @Test
    void serializesAGenericRecordToTheHandWrittenVector() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.registerWithId("points-value", POINT, 42);
        GenericRecord point = new GenericData.Record(POINT);
        point.put("x", 1);
        point.put("label", "ab");

        byte[] written = new AvroSerializer<GenericRecord>(registry, false).serialize("points", point);

        assertArrayEquals(POINT_VECTOR, written);
    }

    @Test
    void deserializesTheHandWrittenVector() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.registerWithId("points-value", POINT, 42);

        GenericRecord point = new AvroDeserializer<GenericRecord>(registry, null).deserialize("points", POINT_VECTOR);

        assertEquals(1, point.get("x"));
        assertEquals("ab", point.get("label").toString());
    }

    // Enterprise{E1, "A", HZ, IC, true, 100, epoch} under id 7:
    // 00 | 00 00 00 07 | 04 'E' '1' | 02 'A' | 04 'H' 'Z' | 04 'I' 'C' | 01 | C8 01 (zigzag 200) | 00
    private static final byte[] ENTERPRISE_VECTOR = bytes(0x00, 0x00, 0x00, 0x00, 0x07,
            0x04, 0x45, 0x31, 0x02, 0x41, 0x04, 0x48, 0x5A, 0x04, 0x49, 0x43, 0x01, 0xC8, 0x01, 0x00);

    @Test
    void generatedClassRoundTripsThroughTheHandWrittenVector() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.registerWithId("brain.enterprises-value", Enterprise.getClassSchema(), 7);
        Enterprise e1 = new Enterprise("E1", "A", "HZ", "IC", true, 100, Instant.EPOCH);

        assertArrayEquals(ENTERPRISE_VECTOR,
                new AvroSerializer<Enterprise>(registry, false).serialize("brain.enterprises", e1));
        assertEquals(e1, new AvroDeserializer<>(registry, Enterprise.class).deserialize("brain.enterprises", ENTERPRISE_VECTOR));
    }

    @Test
    void keySubjectIsTopicDashKey() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<GenericRecord> keys = new AvroSerializer<>(registry, true);
        keys.configure(java.util.Map.of(), true);
        GenericRecord point = new GenericData.Record(POINT);
        point.put("x", 1);
        point.put("label", "ab");

        byte[] written = keys.serialize("points", point);

        assertEquals(registry.idOf("points-key", POINT), java.nio.ByteBuffer.wrap(written, 1, 4).getInt());
        assertThrows(SchemaRegistryException.class, () -> registry.idOf("points-value", POINT));
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
        GenericRecord point = new GenericData.Record(POINT);
        point.put("x", 1);
        point.put("label", "ab");
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(new InMemorySchemaRegistry(), false);

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> serializer.serialize("points", point));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, refused.errorCode());
    }

    @Test
    void nullIsATombstoneBothWays() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        assertNull(new AvroSerializer<Enterprise>(registry, true).serialize("t", null));
        assertNull(new AvroDeserializer<>(registry, Enterprise.class).deserialize("t", null));
    }

    @Test
    void failuresAreTypedByCause() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.registerWithId("points-value", POINT, 42);
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(registry, null);

        assertEquals("NOT_WIRE_FORMAT",
                assertThrows(NotWireFormatException.class, () -> deserializer.deserialize("points", bytes(0, 0, 0))).kind());
        assertThrows(NotWireFormatException.class, () -> deserializer.deserialize("points", "{\"x\":1}".getBytes()));
        UnknownSchemaIdException unknown = assertThrows(UnknownSchemaIdException.class,
                () -> deserializer.deserialize("points", bytes(0, 0, 0, 0, 43, 2, 4, 0x61, 0x62)));
        assertEquals(43, unknown.schemaId());
        // the string claims 2 bytes but only 1 follows
        assertThrows(UndecodableBodyException.class,
                () -> deserializer.deserialize("points", bytes(0, 0, 0, 0, 42, 2, 4, 0x61)));
        // a complete record followed by a stray byte
        assertThrows(UndecodableBodyException.class,
                () -> deserializer.deserialize("points", bytes(0, 0, 0, 0, 42, 2, 4, 0x61, 0x62, 0x00)));
        // a negative string length
        assertTrue(assertThrows(UndecodableBodyException.class,
                () -> deserializer.deserialize("points", bytes(0, 0, 0, 0, 42, 2, 3))).getMessage().contains("42"));
    }

    @Test
    void aSchemaIdThatIsNotAvroMakesTheBodyUndecodableNotARegistryOutage() {
        // What the registry answers for a JSON Schema or Protobuf producer's id, as our REST client reports it
        SchemaRegistryClient notAvro = new SchemaRegistryClient() {
            @Override public int register(String subject, Schema schema) { throw new UnsupportedOperationException(); }
            @Override public int idOf(String subject, Schema schema) { throw new UnsupportedOperationException(); }
            @Override public Schema schemaById(int id) {
                throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "schema id " + id + " is a JSON schema, not Avro", null);
            }
        };

        assertThrows(UndecodableBodyException.class,
                () -> new AvroDeserializer<GenericRecord>(notAvro, null).deserialize("points", bytes(0, 0, 0, 0, 9, 0x7B, 0x7D)));
    }
}
