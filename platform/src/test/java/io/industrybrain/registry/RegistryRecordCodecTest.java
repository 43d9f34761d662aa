package io.industrybrain.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.industrybrain.registry.RegistryEvent.CompatibilityConfigured;
import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import io.industrybrain.registry.RegistryEvent.VersionDeleted;
import io.industrybrain.registry.RegistryRecordCodec.Record;
import org.junit.jupiter.api.Test;

class RegistryRecordCodecTest {

    private final RegistryRecordCodec codec = new RegistryRecordCodec();

    @Test
    void everyEventSurvivesTheTopic() {
        for (RegistryEvent event : List.of(
                new SchemaRegistered("w1", "orders-value", 3, 7, "\"string\""),
                new VersionDeleted("w2", "orders-value", 3, true),
                new CompatibilityConfigured(null, CompatibilityLevel.FULL),
                new CompatibilityConfigured("orders-value", CompatibilityLevel.NONE),
                new CompatibilityConfigured("orders-value", null))) {
            Record record = codec.encode(event);
            assertEquals(Optional.of(event), codec.decode(record.key(), record.value()));
        }
    }

    @Test
    void theRecordsAreTheDocumentedJson() {
        Record schema = codec.encode(new SchemaRegistered("w1", "orders-value", 3, 7, "\"string\""));
        Record removedLevel = codec.encode(new CompatibilityConfigured("orders-value", null));

        assertEquals("{\"type\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":3,\"write\":\"w1\"}", text(schema.key()));
        assertEquals("{\"id\":7,\"schema\":\"\\\"string\\\"\"}", text(schema.value()));
        assertEquals("{\"type\":\"CONFIG\",\"subject\":\"orders-value\"}", text(removedLevel.key()));
        assertNull(removedLevel.value(), "a removed subject level is a tombstone");
    }

    @Test
    void writesToTheSameLevelShareAKeySoCompactionKeepsTheLatest() {
        assertArrayEquals(codec.encode(new CompatibilityConfigured("s", CompatibilityLevel.FULL)).key(),
                codec.encode(new CompatibilityConfigured("s", null)).key());
        assertFalse(text(codec.encode(new CompatibilityConfigured(null, CompatibilityLevel.FULL)).key()).contains("subject"));
    }

    @Test
    void foreignRecordsAreToldApart() {
        byte[] unknownKind = "{\"type\":\"MODE\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals(Optional.empty(), codec.decode(unknownKind, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("not json".getBytes(StandardCharsets.UTF_8), null));
        assertThrows(IllegalArgumentException.class, () -> codec.decode(null, null));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
