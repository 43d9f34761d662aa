package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.internal.RollupInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The plan's bytes are Avro's own: every schema written through InternalAvroSerde, over random values. */
class CompiledAvroWriterTest {

    private static final List<Class<? extends SpecificRecord>> WRITTEN = List.of(
            AdmittedEvent.class, ProgressMarker.class, DeviceWindowState.class, EnterpriseWindowState.class, MetricSums.class,
            RollupGroupState.class, RollupInput.class, Enterprise.class, MetricTarget.class, MetricRecord.class,
            MachineTelemetry.class, ProductionOutput.class, WorkShift.class, ProcessHeartbeat.class);

    private final Random random = new Random(20261202L);

    @Test
    void writesTheBytesAvrosSpecificWriterWritesForEverySchemaItIsUsedFor() throws IOException {
        for (Class<? extends SpecificRecord> type : WRITTEN) {
            SpecificData model = SpecificData.getForClass(type);
            Schema schema = model.getSchema(type);
            assertSameBytes(model, schema, 300);
        }
    }

    @Test
    void writesTheByEnterpriseUnionOfEventsAndMarkersAsAvroDoes() throws IOException {
        SpecificData model = SpecificData.getForClass(AdmittedEvent.class);
        assertSameBytes(model, Schema.createUnion(AdmittedEvent.getClassSchema(), ProgressMarker.getClassSchema()), 300);
    }

    @Test
    void refusesASchemaItHasNoPlanFor() {
        Schema fixed = Schema.createFixed("Id", null, "test", 4);
        assertThrows(IllegalArgumentException.class, () -> new CompiledAvroWriter<>(SpecificData.get(), fixed));
        Schema floats = Schema.create(Schema.Type.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> new CompiledAvroWriter<>(SpecificData.get(), floats));
    }

    private void assertSameBytes(SpecificData model, Schema schema, int values) throws IOException {
        CompiledAvroWriter<Object> compiled = new CompiledAvroWriter<>(model, schema);
        SpecificDatumWriter<Object> avro = new SpecificDatumWriter<>(schema, model);
        for (int i = 0; i < values; i++) {
            Object value = randomValue(model, schema);
            assertArrayEquals(written(avro::write, value), written(compiled::write, value), () -> schema.getName() + ": " + value);
        }
    }

    private interface Writer {
        void write(Object value, BinaryEncoder out) throws IOException;
    }

    private static byte[] written(Writer writer, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(value, out);
        out.flush();
        return bytes.toByteArray();
    }

    /** A value of the schema drawn at random, as the generated classes hold it. */
    private Object randomValue(SpecificData model, Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(random.nextLong() >> 20);
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Date) {
            return LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), randomValue(model, field.schema()));
                }
                yield record;
            }
            case UNION -> randomValue(model, schema.getTypes().get(random.nextInt(schema.getTypes().size())));
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    items.add(randomValue(model, schema.getElementType()));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    entries.put(randomString(), randomValue(model, schema.getValueType()));
                }
                yield entries;
            }
            case STRING -> randomString();
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
            case LONG -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100);
            case INT -> random.nextBoolean() ? random.nextInt() : random.nextInt(100) - 50;
            case DOUBLE -> random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 1e6;
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
            default -> throw new IllegalArgumentException("the test draws no " + schema.getType());
        };
    }

    private String randomString() {
        String[] parts = {"E", "7", "数控", "é", "", "line-", "\u0000", "🏭"};
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(5); n > 0; n--) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }
}
