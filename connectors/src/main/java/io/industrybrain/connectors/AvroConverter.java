package io.industrybrain.connectors;

import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryException;
import io.industrybrain.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect converter for the product's Avro records, on top of the project's serde: the bytes on
 * the topic are exactly those {@link AvroSerializer} writes for the generated class (Confluent wire
 * format, subject {@code <topic>-value}, the schema registered from the generated class).
 *
 * <p>A Struct's Connect schema must be named after a generated Avro class (as {@link AvroStructs}
 * names them); the converter writes the Struct with that class's schema, never one derived from the
 * Connect schema, so the registered schema, its id and the body are the same as a Java producer's.
 * A bytes value passes through unchanged: that is how raw payloads reach the dead-letter topic.
 *
 * <p>Settings: {@code schema.registry.url}, {@code auto.register.schemas} (default true). A registry
 * that does not answer is a {@link RetriableException}, so Connect retries (errors.retry.timeout)
 * instead of treating the record as bad.
 */
public final class AvroConverter implements Converter {

    private final Map<String, org.apache.avro.Schema> avroSchemas = new ConcurrentHashMap<>();
    private final AvroSerializer<GenericRecord> serializer;
    private final AvroDeserializer<GenericRecord> deserializer;

    /** For Connect to instantiate; {@link #configure} supplies the registry. */
    public AvroConverter() {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>();
    }

    AvroConverter(SchemaRegistryClient registry) {
        this.serializer = new AvroSerializer<>(registry, true);
        this.deserializer = new AvroDeserializer<>(registry, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(SerdeConfig.SCHEMA_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH, "Schema registry URL, or a comma-separated list.")
                .define(SerdeConfig.AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true,
                        ConfigDef.Importance.MEDIUM, "Register a schema not yet registered (true) or only look it up.");
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema != null && schema.type() == Schema.Type.BYTES) {
            return value instanceof ByteBuffer buffer ? bytesOf(buffer) : (byte[]) value;
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("AvroConverter writes Structs of the product's Avro records (or bytes unchanged), not "
                    + value.getClass().getName() + " for topic " + topic);
        }
        GenericRecord record = AvroStructs.toRecord(struct, avroSchemaOf(struct.schema()));
        try {
            return serializer.serialize(topic, record);
        } catch (SchemaRegistryException e) {
            throw registryFailure(topic, e);
        } catch (SerializationException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        GenericRecord record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (SchemaRegistryException e) {
            throw registryFailure(topic, e);
        } catch (SerializationException e) {
            throw new DataException("value on topic " + topic + " does not read: " + e.getMessage(), e);
        }
        Struct struct = AvroStructs.toStruct(record);
        return new SchemaAndValue(struct.schema(), struct);
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    /** An unreachable registry is worth retrying; a refusal (incompatible schema, unknown id) is not. */
    private static RuntimeException registryFailure(String topic, SchemaRegistryException e) {
        if (e.errorCode() == SchemaRegistryException.NO_ANSWER) {
            return new RetriableException("schema registry did not answer for topic " + topic + ": " + e.getMessage(), e);
        }
        return new DataException("schema registry refused a request for topic " + topic + ": " + e.getMessage(), e);
    }

    /** The schema of the generated class the Connect schema is named after. */
    private org.apache.avro.Schema avroSchemaOf(Schema connectSchema) {
        String name = connectSchema.name();
        if (name == null) {
            throw new DataException("a Struct's schema must be named after a generated Avro class; it has no name");
        }
        return avroSchemas.computeIfAbsent(name, AvroConverter::generatedSchema);
    }

    private static org.apache.avro.Schema generatedSchema(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, AvroConverter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DataException("no generated Avro class " + className + " next to the converter", e);
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new DataException(className + " is not a generated Avro class");
        }
        return SpecificData.get().getSchema(type);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
