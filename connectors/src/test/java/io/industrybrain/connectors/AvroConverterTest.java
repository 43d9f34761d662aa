package io.industrybrain.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.InMemorySchemaRegistry;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The converter writes exactly what the project's serializer writes for the generated class. */
class AvroConverterTest {

    private static final String TOPIC = "brain.telemetry";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroConverter converter = new AvroConverter(registry);
    private final GatewayMessages messages = new GatewayMessages(new MqttTopicLayout("factory"), Map.of(
            RecordType.TELEMETRY, "brain.telemetry", RecordType.PRODUCTION, "brain.production",
            RecordType.SHIFTS, "brain.shifts", RecordType.PROCESSES, "brain.processes"));

    @Test
    void telemetryBytesAreThoseOfTheProjectsSerializer() {
        MachineTelemetry expected = MachineTelemetry.newBuilder()
                .setDeviceId("D1").setEnterpriseId("E1").setLineId("L1").setSeq(1)
                .setEventTime(Instant.parse("2026-03-01T02:05:00Z")).setSampleSeconds(600)
                .setState(MachineState.RUNNING).setGoodUnits(50).setDefectUnits(2).setEnergyKwh(3.0)
                .setNumericallyControlled(true).setCloudConnected(false).setGatewayId("G7").build();

        assertSameBytes(expected, "factory/E1/D1/telemetry", """
                {"lineId": "L1", "seq": 1, "eventTime": "2026-03-01T10:05:00+08:00", "sampleSeconds": 600,
                 "state": "RUNNING", "goodUnits": 50, "defectUnits": 2, "energyKwh": 3.0,
                 "numericallyControlled": true, "cloudConnected": false, "gatewayId": "G7"}""");
    }

    @Test
    void productionShiftAndHeartbeatBytesAreThoseOfTheProjectsSerializer() {
        assertSameBytes(ProductionOutput.newBuilder().setBatchId("B1").setEnterpriseId("E1").setLineId("L1")
                        .setProductCode("P-100").setQuantity(400).setOutputValueCny(80_000).setAddedValueCny(20_000)
                        .setEventTime(Instant.ofEpochMilli(1_772_332_800_000L)).build(),
                "factory/E1/production", """
                {"batchId": "B1", "lineId": "L1", "productCode": "P-100", "quantity": 400,
                 "outputValueCny": 80000, "addedValueCny": 20000, "eventTime": 1772332800000}""");
        assertSameBytes(WorkShift.newBuilder().setShiftId("S1").setEnterpriseId("E1").setWorkers(30).setHours(8)
                        .setEventTime(Instant.parse("2026-03-01T02:59:00Z")).build(),
                "factory/E1/shifts", """
                {"shiftId": "S1", "workers": 30, "hours": 8.0, "eventTime": "2026-03-01T02:59:00Z"}""");
        assertSameBytes(ProcessHeartbeat.newBuilder().setEnterpriseId("E1")
                        .setProcess(KeyProcess.MANUFACTURING).setSystem("MES")
                        .setHosting(Hosting.PUBLIC_CLOUD).setDigitized(true)
                        .setEventTime(Instant.parse("2026-03-01T02:30:00.250Z")).build(),
                "factory/E1/processes", """
                {"process": "MANUFACTURING", "system": "MES", "hosting": "PUBLIC_CLOUD", "digitized": true,
                 "eventTime": "2026-03-01T10:30:00.250+08:00"}""");
    }

    @Test
    void registersTheGeneratedSchemaUnderTheTopicsValueSubject() {
        Struct value = (Struct) messages.toSourceRecord("factory/E1/shifts",
                "{\"shiftId\": \"S1\", \"workers\": 30, \"hours\": 8.0, \"eventTime\": 0}".getBytes(UTF_8)).value();

        byte[] bytes = converter.fromConnectData("brain.shifts", value.schema(), value);

        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(0, bytes[0]);
        assertEquals(WorkShift.getClassSchema(), registry.schemaById(id));
        assertEquals(id, registry.idOf("brain.shifts-value", WorkShift.getClassSchema()));
    }

    @Test
    void readsBackIntoTheSameStruct() {
        Struct value = (Struct) messages.toSourceRecord("factory/E1/D1/telemetry", """
                {"lineId": "L1", "seq": 9, "eventTime": 1772330700000, "sampleSeconds": 60, "state": "IDLE",
                 "goodUnits": 0, "defectUnits": 0, "energyKwh": 0.5, "numericallyControlled": false,
                 "cloudConnected": true}""".getBytes(UTF_8)).value();

        SchemaAndValue read = converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, value.schema(), value));

        assertEquals(value.schema(), read.schema());
        Struct struct = (Struct) read.value();
        assertEquals("IDLE", struct.get("state"));
        assertEquals(new Date(1_772_330_700_000L), struct.get("eventTime"));
        assertEquals(9L, struct.get("seq"));
        assertNull(struct.get("gatewayId"));
        assertEquals(value, struct);
    }

    @Test
    void passesBytesThroughUnchanged() {
        byte[] raw = "not json".getBytes(UTF_8);

        assertArrayEquals(raw, converter.fromConnectData("brain.mqtt.dlq", org.apache.kafka.connect.data.Schema.BYTES_SCHEMA, raw));
        assertArrayEquals(raw, converter.fromConnectData("brain.mqtt.dlq", org.apache.kafka.connect.data.Schema.BYTES_SCHEMA,
                ByteBuffer.wrap(raw)));
        assertNull(converter.fromConnectData("brain.mqtt.dlq", org.apache.kafka.connect.data.Schema.OPTIONAL_BYTES_SCHEMA, null));
    }

    @Test
    void refusesStructsThatAreNoGeneratedRecord() {
        org.apache.kafka.connect.data.Schema unnamed = SchemaBuilder.struct().field("x", SchemaBuilder.int32().build()).build();
        org.apache.kafka.connect.data.Schema foreign = SchemaBuilder.struct().name("com.example.Reading")
                .field("x", SchemaBuilder.int32().build()).build();

        DataException noName = assertThrows(DataException.class,
                () -> converter.fromConnectData(TOPIC, unnamed, new Struct(unnamed).put("x", 1)));
        DataException noClass = assertThrows(DataException.class,
                () -> converter.fromConnectData(TOPIC, foreign, new Struct(foreign).put("x", 1)));
        assertTrue(noName.getMessage().contains("has no name"), noName.getMessage());
        assertTrue(noClass.getMessage().contains("no generated Avro class com.example.Reading"), noClass.getMessage());
    }

    @Test
    void refusesAnEnumSymbolTheSchemaLacks() {
        Struct value = (Struct) messages.toSourceRecord("factory/E1/processes", """
                {"process": "SALES", "system": "CRM", "hosting": "ON_PREMISES", "digitized": true, "eventTime": 0}"""
                .getBytes(UTF_8)).value();
        value.put("hosting", "MAINFRAME");

        DataException refused = assertThrows(DataException.class,
                () -> converter.fromConnectData("brain.processes", value.schema(), value));
        assertTrue(refused.getMessage().contains("hosting is 'MAINFRAME', not one of [ON_PREMISES, PRIVATE_CLOUD, PUBLIC_CLOUD]"),
                refused.getMessage());
    }

    @Test
    void anUnreachableRegistryIsRetriableAndARefusalIsNot() {
        Struct value = (Struct) messages.toSourceRecord("factory/E1/shifts",
                "{\"shiftId\": \"S1\", \"workers\": 1, \"hours\": 1, \"eventTime\": 0}".getBytes(UTF_8)).value();

        AvroConverter unreachable = new AvroConverter(refusing(SchemaRegistryException.NO_ANSWER));
        AvroConverter incompatible = new AvroConverter(refusing(SchemaRegistryException.INCOMPATIBLE_SCHEMA));

        assertThrows(RetriableException.class, () -> unreachable.fromConnectData("brain.shifts", value.schema(), value));
        DataException refused = assertThrows(DataException.class,
                () -> incompatible.fromConnectData("brain.shifts", value.schema(), value));
        assertTrue(refused.getMessage().contains("schema registry refused"), refused.getMessage());
    }

    private void assertSameBytes(SpecificRecord expected, String mqttTopic, String json) {
        SourceRecord record = messages.toSourceRecord(mqttTopic, json.getBytes(UTF_8));
        String topic = record.topic();
        Struct value = (Struct) record.value();
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true);

        byte[] written = converter.fromConnectData(topic, value.schema(), value);

        assertArrayEquals(serializer.serialize(topic, expected), written);
        assertEquals(expected, new AvroDeserializer<>(registry, expected.getClass()).deserialize(topic, written));
    }

    private static SchemaRegistryClient refusing(int errorCode) {
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw new SchemaRegistryException(errorCode, "refused for the test", null);
            }

            @Override
            public int idOf(String subject, Schema schema) {
                throw new SchemaRegistryException(errorCode, "refused for the test", null);
            }

            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException(errorCode, "refused for the test", null);
            }
        };
    }
}
