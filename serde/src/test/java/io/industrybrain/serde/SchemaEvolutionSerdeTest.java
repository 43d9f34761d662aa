package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Records written with an older or a newer compatible schema read into today's generated class. */
class SchemaEvolutionSerdeTest {

    private static final String TOPIC = "brain.telemetry";

    /** Today's MachineTelemetry with each field passed through {@code change} (null drops it), plus {@code extra}. */
    private static Schema telemetryVariant(UnaryOperator<Schema.Field> change, Schema.Field... extra) {
        Schema today = MachineTelemetry.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : today.getFields()) {
            Schema.Field changed = change.apply(field);
            if (changed != null) {
                fields.add(changed);
            }
        }
        fields.addAll(List.of(extra));
        return Schema.createRecord(today.getName(), today.getDoc(), today.getNamespace(), false, fields);
    }

    private static Schema.Field copy(Schema.Field field) {
        return new Schema.Field(field, field.schema());
    }

    /** What an older gateway writes: no optional gatewayId yet. */
    private static Schema olderTelemetry() {
        return telemetryVariant(f -> f.name().equals("gatewayId") ? null : copy(f));
    }

    /** What a newer gateway writes: a field this reader does not know. */
    private static Schema newerTelemetry() {
        return telemetryVariant(SchemaEvolutionSerdeTest::copy,
                new Schema.Field("firmware", Schema.create(Schema.Type.STRING), "firmware version", ""));
    }

    private static GenericRecord sample(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("deviceId", "D1");
        r.put("enterpriseId", "E1");
        r.put("lineId", "L1");
        r.put("seq", 5L);
        r.put("eventTime", 1_700_000_000_000L);
        r.put("sampleSeconds", 60);
        r.put("state", new GenericData.EnumSymbol(schema.getField("state").schema(), "IDLE"));
        r.put("goodUnits", 10);
        r.put("defectUnits", 1);
        r.put("energyKwh", 0.5);
        r.put("numericallyControlled", true);
        r.put("cloudConnected", false);
        return r;
    }

    private static MachineTelemetry writeThenRead(GenericRecord written) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true).serialize(TOPIC, written);
        return new AvroDeserializer<>(registry, MachineTelemetry.class).deserialize(TOPIC, bytes);
    }

    @Test
    void olderWriterReadsWithTheDefaultOfTheNewField() {
        Schema older = olderTelemetry();
        assertNull(older.getField("gatewayId"), "the older schema really lacks the field");

        MachineTelemetry read = writeThenRead(sample(older));

        assertEquals("D1", read.getDeviceId());
        assertEquals(5L, read.getSeq());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), read.getEventTime());
        assertEquals(MachineState.IDLE, read.getState());
        assertNull(read.getGatewayId());
    }

    @Test
    void newerWriterReadsWithTheUnknownFieldIgnored() {
        GenericRecord written = sample(newerTelemetry());
        written.put("firmware", "v2.1");
        written.put("gatewayId", "G9");

        MachineTelemetry read = writeThenRead(written);

        assertEquals("G9", read.getGatewayId());
        assertEquals(0.5, read.getEnergyKwh());
    }

    @Test
    void aStateThisReaderDoesNotKnowReadsAsOffline() {
        Schema states = MachineTelemetry.getClassSchema().getField("state").schema();
        List<String> symbols = new ArrayList<>(states.getEnumSymbols());
        symbols.add("WARMING_UP");
        Schema moreStates = Schema.createEnum(states.getName(), states.getDoc(), states.getNamespace(), symbols, "OFFLINE");
        Schema newer = telemetryVariant(f -> f.name().equals("state") ? new Schema.Field(f, moreStates) : copy(f));
        GenericRecord written = sample(newer);
        written.put("state", new GenericData.EnumSymbol(newer.getField("state").schema(), "WARMING_UP"));

        assertEquals(MachineState.OFFLINE, writeThenRead(written).getState());
    }

    @Test
    void anIncompatibleWriterIsUndecodable() {
        // deviceId written as an int: no resolution to today's string field exists
        Schema incompatible = telemetryVariant(
                f -> f.name().equals("deviceId") ? new Schema.Field(f, Schema.create(Schema.Type.INT)) : copy(f));
        GenericRecord written = sample(incompatible);
        written.put("deviceId", 1);

        assertThrows(UndecodableBodyException.class, () -> writeThenRead(written));
    }
}
