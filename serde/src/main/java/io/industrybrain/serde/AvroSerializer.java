package io.industrybrain.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format under the subject
 * {@code <topic>-value} (or {@code -key}). Schema ids are cached by the registry client; with
 * auto-registration off, a schema that is not registered yet is an error rather than a new version.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean autoRegister;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka to instantiate from properties; {@link #configure} supplies the registry. */
    public AvroSerializer() {
        this.autoRegister = true;
    }

    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.clientFrom(configs);
            autoRegister = SerdeConfig.autoRegister(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = SubjectNames.forTopic(topic, isKey);
        int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> writerFor(record)).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(IndexedRecord record) {
        if (record instanceof SpecificRecord) {
            // The generated class's own model knows its logical-type conversions (Instant, LocalDate).
            SpecificData model = SpecificData.getForClass(record.getClass());
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(record.getSchema(), model);
        }
        return new GenericDatumWriter<>(record.getSchema(), GenericData.get());
    }
}
