package io.industrybrain.streams.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes generated records in Avro's binary encoding through a plan made once from the schema: per field, a
 * writer that knows its position, type and, in a union, which class takes which branch. Avro's own
 * {@code SpecificDatumWriter} decides all of that again for every field of every record (conversions by logical
 * type, union branches by schema name, both hash lookups); records with a logical type or a union of records,
 * such as the contract's events inside the by-enterprise envelope, get no generated fast coder either. On the
 * stream thread that made writing an envelope cost several times reading it back. The bytes are the same as
 * Avro's (a test checks them against {@code SpecificDatumWriter} for every internal schema).
 *
 * <p>It covers what the project's schemas use: records, unions of null and one type or of records, arrays, maps,
 * strings, bytes, enums, the primitives, {@code timestamp-millis} as {@link Instant} and {@code date} as
 * {@link LocalDate}. Any other schema is refused when the plan is made, so a schema change that needs more fails
 * its first test, not in production.
 */
public final class CompiledAvroWriter<T> {

    /** Writes one value of a planned schema. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    private final ValueWriter root;

    /** A plan for the schema, whose records are classes of the model. */
    public CompiledAvroWriter(SpecificData model, Schema schema) {
        this.root = planned(model, schema, new HashMap<>());
    }

    public void write(T value, Encoder out) throws IOException {
        root.write(value, out);
    }

    private static ValueWriter planned(SpecificData model, Schema schema, Map<String, ValueWriter[]> records) {
        if (schema.getLogicalType() != null) {
            if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                return (value, out) -> out.writeLong(((Instant) value).toEpochMilli());
            }
            if (schema.getLogicalType() instanceof LogicalTypes.Date) {
                return (value, out) -> out.writeInt(Math.toIntExact(((LocalDate) value).toEpochDay()));
            }
            throw new IllegalArgumentException("no plan for logical type " + schema.getLogicalType().getName());
        }
        return switch (schema.getType()) {
            case RECORD -> record(model, schema, records);
            case UNION -> union(model, schema, records);
            case ARRAY -> {
                ValueWriter item = planned(model, schema.getElementType(), records);
                yield (value, out) -> {
                    List<?> items = (List<?>) value;
                    out.writeArrayStart();
                    out.setItemCount(items.size());
                    for (Object each : items) {
                        out.startItem();
                        item.write(each, out);
                    }
                    out.writeArrayEnd();
                };
            }
            case MAP -> {
                ValueWriter entry = planned(model, schema.getValueType(), records);
                yield (value, out) -> {
                    Map<?, ?> entries = (Map<?, ?>) value;
                    out.writeMapStart();
                    out.setItemCount(entries.size());
                    for (Map.Entry<?, ?> each : entries.entrySet()) {
                        out.startItem();
                        out.writeString(each.getKey().toString());
                        entry.write(each.getValue(), out);
                    }
                    out.writeMapEnd();
                };
            }
            case STRING -> (value, out) -> out.writeString(value.toString());
            case BYTES -> (value, out) -> out.writeBytes((ByteBuffer) value);
            case ENUM -> (value, out) -> out.writeEnum(((Enum<?>) value).ordinal());
            case LONG -> (value, out) -> out.writeLong((Long) value);
            case INT -> (value, out) -> out.writeInt((Integer) value);
            case DOUBLE -> (value, out) -> out.writeDouble((Double) value);
            case BOOLEAN -> (value, out) -> out.writeBoolean((Boolean) value);
            default -> throw new IllegalArgumentException("no plan for Avro type " + schema.getType() + " in " + schema);
        };
    }

    private static ValueWriter record(SpecificData model, Schema schema, Map<String, ValueWriter[]> records) {
        ValueWriter[] fields = records.get(schema.getFullName());
        if (fields == null) {
            // registered before its fields are planned, so that a recursive schema refers to itself
            fields = new ValueWriter[schema.getFields().size()];
            records.put(schema.getFullName(), fields);
            for (Schema.Field field : schema.getFields()) {
                fields[field.pos()] = planned(model, field.schema(), records);
            }
        }
        ValueWriter[] plan = fields;
        return (value, out) -> {
            SpecificRecord record = (SpecificRecord) value;
            for (int pos = 0; pos < plan.length; pos++) {
                plan[pos].write(record.get(pos), out);
            }
        };
    }

    private static ValueWriter union(SpecificData model, Schema schema, Map<String, ValueWriter[]> records) {
        List<Schema> branches = schema.getTypes();
        int nullBranch = -1;
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).getType() == Schema.Type.NULL) {
                nullBranch = i;
            }
        }
        Map<Class<?>, Integer> branchOfClass = new HashMap<>();
        ValueWriter[] writers = new ValueWriter[branches.size()];
        for (int i = 0; i < branches.size(); i++) {
            Schema branch = branches.get(i);
            if (branch.getType() == Schema.Type.NULL) {
                writers[i] = (value, out) -> out.writeNull();
                continue;
            }
            writers[i] = planned(model, branch, records);
            if (branch.getType() == Schema.Type.RECORD) {
                Class<?> type = model.getClass(branch);
                if (type == null) {
                    throw new IllegalArgumentException("no generated class for " + branch.getFullName());
                }
                branchOfClass.put(type, i);
            } else if (branches.size() != 2 || nullBranch == -1) {
                throw new IllegalArgumentException("no plan for the union " + schema + ": only null and one type, or records");
            }
        }
        int whenNull = nullBranch;
        int onlyOther = branches.size() == 2 && nullBranch != -1 ? 1 - nullBranch : -1;
        return (value, out) -> {
            int index;
            if (value == null) {
                if (whenNull == -1) {
                    throw new NullPointerException("null in a union without null: " + schema);
                }
                index = whenNull;
            } else if (onlyOther != -1) {
                index = onlyOther;
            } else {
                Integer branch = branchOfClass.get(value.getClass());
                if (branch == null) {
                    throw new IllegalArgumentException(value.getClass().getName() + " is not a branch of " + schema);
                }
                index = branch;
            }
            out.writeIndex(index);
            writers[index].write(value, out);
        };
    }
}
