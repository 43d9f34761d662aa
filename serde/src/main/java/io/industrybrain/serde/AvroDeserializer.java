package io.industrybrain.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format. The writer schema comes from the registry by the id in the
 * header; the record is resolved to the reader schema (the generated class's, or the writer's own
 * for generic records), so a value written with an older or newer compatible schema reads correctly.
 *
 * <p>Bad bytes fail with a {@link DeserializationFailure} that names why: {@link NotWireFormatException},
 * {@link UnknownSchemaIdException} or {@link UndecodableBodyException}. A registry that cannot be reached
 * fails with {@link SchemaRegistryException} instead, because the record itself may be fine.
 * A null value (a tombstone) reads as null, as Kafka's own deserializers do.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private final Class<T> specificClass;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** Generic records read with the writer's schema; {@link #configure} supplies the registry. */
    public AvroDeserializer() {
        this(null, null);
    }

    /**
     * @param specificClass a generated class to read into, or null for {@code GenericRecord}s
     */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> specificClass) {
        if (specificClass != null && !SpecificRecord.class.isAssignableFrom(specificClass)) {
            throw new IllegalArgumentException(specificClass + " is not a generated Avro class");
        }
        this.registry = registry;
        this.specificClass = specificClass;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.clientFrom(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        WireFormat.Frame frame = WireFormat.parse(data);
        DatumReader<T> reader = readers.computeIfAbsent(frame.schemaId(), this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, frame.bodyOffset(), frame.bodyLength(), null);
        T value;
        try {
            value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableBodyException(frame.schemaId(), "bytes left over after the record", null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UndecodableBodyException undecodable) {
                throw undecodable;
            }
            throw new UndecodableBodyException(frame.schemaId(), e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(int schemaId) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new UnknownSchemaIdException(schemaId);
            }
            if (e.errorCode() == SchemaRegistryException.INVALID_SCHEMA) {
                // e.g. a JSON Schema or Protobuf producer: same header, but no Avro schema to decode with
                throw new UndecodableBodyException(schemaId, e.getMessage(), e);
            }
            throw e;
        }
        if (specificClass == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        SpecificData model = SpecificData.getForClass(specificClass);
        return new SpecificDatumReader<>(writer, model.getSchema(specificClass), model);
    }
}
