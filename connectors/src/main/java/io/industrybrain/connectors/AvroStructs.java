package io.industrybrain.connectors;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates between Avro records and Connect {@link Struct}s field by field, by name, for the
 * types the contract's input records use: string, int, long, double, boolean, enum (a Connect
 * string), timestamp-millis (a Connect {@link Timestamp}) and the optional {@code ["null", T]}.
 * The Connect schema of a record is named after the Avro record's full name, which is how
 * {@link AvroConverter} finds the Avro schema to write with.
 */
final class AvroStructs {

    private static final Map<org.apache.avro.Schema, Schema> CONNECT_SCHEMAS = new ConcurrentHashMap<>();

    private AvroStructs() { }

    /** The Connect struct schema of an Avro record schema. */
    static Schema connectSchema(org.apache.avro.Schema record) {
        return CONNECT_SCHEMAS.computeIfAbsent(record, AvroStructs::translate);
    }

    private static Schema translate(org.apache.avro.Schema record) {
        if (record.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new DataException("only Avro records translate to Connect structs, not " + record.getType());
        }
        SchemaBuilder struct = SchemaBuilder.struct().name(record.getFullName()).doc(record.getDoc());
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            struct.field(field.name(), fieldSchema(record, field));
        }
        return struct.build();
    }

    private static Schema fieldSchema(org.apache.avro.Schema record, org.apache.avro.Schema.Field field) {
        org.apache.avro.Schema type = nonNull(field.schema());
        SchemaBuilder builder = switch (type.getType()) {
            case STRING, ENUM -> SchemaBuilder.string();
            case INT -> SchemaBuilder.int32();
            case LONG -> isTimestamp(type) ? Timestamp.builder() : SchemaBuilder.int64();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            default -> throw new DataException("field " + record.getName() + "." + field.name() + " has Avro type "
                    + type.getType() + ", which this translation does not cover");
        };
        if (field.schema().isNullable()) {
            builder.optional();
        }
        return builder.doc(field.doc()).build();
    }

    /** Reads an Avro record (generic, or generated) into a Struct of its {@link #connectSchema}. */
    static Struct toStruct(GenericRecord record) {
        Schema schema = connectSchema(record.getSchema());
        Struct struct = new Struct(schema);
        for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            struct.put(field.name(), value == null ? null : connectValue(nonNull(field.schema()), value));
        }
        return struct;
    }

    private static Object connectValue(org.apache.avro.Schema type, Object value) {
        return switch (type.getType()) {
            // Generic readers give Utf8 for strings and GenericEnumSymbol for enums, generated classes String and Java enums.
            case STRING, ENUM -> value.toString();
            case LONG -> !isTimestamp(type) ? value
                    : value instanceof Instant instant ? Date.from(instant) : new Date((Long) value);
            default -> value;
        };
    }

    /**
     * Writes a Struct into a generic record of the given Avro schema, matching fields by name.
     *
     * @throws DataException when the struct has a field the Avro schema lacks, misses a required
     *     one, or names an enum symbol the Avro enum does not have
     */
    static GenericRecord toRecord(Struct struct, org.apache.avro.Schema avro) {
        for (Field field : struct.schema().fields()) {
            if (avro.getField(field.name()) == null) {
                throw new DataException("field " + field.name() + " is not in Avro record " + avro.getFullName());
            }
        }
        GenericData.Record record = new GenericData.Record(avro);
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
            Object value = struct.schema().field(field.name()) == null ? null : struct.get(field.name());
            if (value == null && !field.schema().isNullable()) {
                throw new DataException("field " + avro.getName() + "." + field.name() + " is required but has no value");
            }
            record.put(field.pos(), value == null ? null : avroValue(avro, field, nonNull(field.schema()), value));
        }
        return record;
    }

    private static Object avroValue(org.apache.avro.Schema avro, org.apache.avro.Schema.Field field,
                                    org.apache.avro.Schema type, Object value) {
        return switch (type.getType()) {
            case ENUM -> {
                String symbol = value.toString();
                if (!type.hasEnumSymbol(symbol)) {
                    throw new DataException("field " + avro.getName() + "." + field.name() + " is '" + symbol
                            + "', not one of " + type.getEnumSymbols());
                }
                yield new GenericData.EnumSymbol(type, symbol);
            }
            case LONG -> value instanceof Date date ? date.getTime() : ((Number) value).longValue();
            case INT -> ((Number) value).intValue();
            case DOUBLE -> ((Number) value).doubleValue();
            default -> value;
        };
    }

    static boolean isTimestamp(org.apache.avro.Schema type) {
        return type.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** The type itself, or the non-null branch of an optional {@code ["null", T]} union. */
    static org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
        if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(branch -> branch.getType() != org.apache.avro.Schema.Type.NULL)
                .reduce((first, second) -> {
                    throw new DataException("union " + schema + " has more than one non-null branch");
                })
                .orElseThrow(() -> new DataException("union " + schema + " has only null"));
    }
}
