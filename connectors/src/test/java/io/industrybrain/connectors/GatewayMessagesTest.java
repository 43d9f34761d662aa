package io.industrybrain.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's examples map to exactly these records; what cannot map is refused with a reason. */
class GatewayMessagesTest {

    private static final String TELEMETRY_TOPIC = "factory/E1/D1/telemetry";
    /** The README's telemetry example; 10:05 at +08:00 is 02:05Z, epoch 1772330700 s (date -u -d). */
    private static final String TELEMETRY = """
            {"lineId": "L1", "seq": 1, "eventTime": "2026-03-01T10:05:00+08:00", "sampleSeconds": 600,
             "state": "RUNNING", "goodUnits": 50, "defectUnits": 2, "energyKwh": 3.0,
             "numericallyControlled": true, "cloudConnected": false}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayMessages messages = new GatewayMessages(new MqttTopicLayout("factory"), Map.of(
            RecordType.TELEMETRY, "p.brain.telemetry", RecordType.PRODUCTION, "p.brain.production",
            RecordType.SHIFTS, "p.brain.shifts", RecordType.PROCESSES, "p.brain.processes"));

    @Test
    void telemetryIsKeyedByDeviceAndTakesBothIdsFromTheTopic() {
        SourceRecord record = map(TELEMETRY_TOPIC, TELEMETRY);

        assertEquals("p.brain.telemetry", record.topic());
        assertEquals(Schema.STRING_SCHEMA, record.keySchema());
        assertEquals("D1", record.key());
        assertNull(record.kafkaPartition());
        assertNull(record.sourcePartition());
        Struct value = (Struct) record.value();
        assertEquals("io.industrybrain.schema.MachineTelemetry", value.schema().name());
        assertEquals("D1", value.get("deviceId"));
        assertEquals("E1", value.get("enterpriseId"));
        assertEquals("L1", value.get("lineId"));
        assertEquals(1L, value.get("seq"));
        assertEquals(new Date(1_772_330_700_000L), value.get("eventTime"));
        assertEquals(600, value.get("sampleSeconds"));
        assertEquals("RUNNING", value.get("state"));
        assertEquals(50, value.get("goodUnits"));
        assertEquals(2, value.get("defectUnits"));
        assertEquals(3.0, value.get("energyKwh"));
        assertEquals(true, value.get("numericallyControlled"));
        assertEquals(false, value.get("cloudConnected"));
        assertNull(value.get("gatewayId"));
    }

    @Test
    void productionTakesEpochMillis() {
        SourceRecord record = map("factory/E1/production", """
                {"batchId": "B1", "lineId": "L1", "productCode": "P-100", "quantity": 400,
                 "outputValueCny": 80000, "addedValueCny": 20000.5, "eventTime": 1772332800000}""");

        assertEquals("p.brain.production", record.topic());
        assertEquals("E1", record.key());
        Struct value = (Struct) record.value();
        assertEquals("B1", value.get("batchId"));
        assertEquals("E1", value.get("enterpriseId"));
        assertEquals("P-100", value.get("productCode"));
        assertEquals(400L, value.get("quantity"));
        assertEquals(80_000.0, value.get("outputValueCny"));
        assertEquals(20_000.5, value.get("addedValueCny"));
        assertEquals(new Date(1_772_332_800_000L), value.get("eventTime"));
    }

    @Test
    void shiftTakesAnIsoInstantInUtc() {
        SourceRecord record = map("factory/E2/shifts", """
                {"shiftId": "S1", "enterpriseId": "E2", "workers": 30, "hours": 8, "eventTime": "2026-03-01T02:59:00Z"}""");

        assertEquals("p.brain.shifts", record.topic());
        assertEquals("E2", record.key());
        Struct value = (Struct) record.value();
        assertEquals(30, value.get("workers"));
        assertEquals(8.0, value.get("hours"));
        assertEquals(new Date(1_772_333_940_000L), value.get("eventTime"));
    }

    @Test
    void heartbeatKeepsMillisecondsOfTheIsoTime() {
        SourceRecord record = map("factory/E3/processes", """
                {"process": "MANUFACTURING", "system": "MES", "hosting": "PUBLIC_CLOUD", "digitized": true,
                 "eventTime": "2026-03-01T10:30:00.250+08:00"}""");

        assertEquals("p.brain.processes", record.topic());
        assertEquals("E3", record.key());
        Struct value = (Struct) record.value();
        assertEquals("MANUFACTURING", value.get("process"));
        assertEquals("MES", value.get("system"));
        assertEquals("PUBLIC_CLOUD", value.get("hosting"));
        assertEquals(true, value.get("digitized"));
        assertEquals(new Date(1_772_332_200_250L), value.get("eventTime"));
    }

    @Test
    void outOfRangeValuesAndUnknownPropertiesAreThePipelinesToJudge() {
        SourceRecord record = map(TELEMETRY_TOPIC, """
                {"lineId": "L1", "seq": -4, "eventTime": 0, "sampleSeconds": 0, "state": "DOWN", "goodUnits": -1,
                 "defectUnits": 0, "energyKwh": -2.5, "numericallyControlled": false, "cloudConnected": false,
                 "firmware": "3.1", "gatewayId": "G7"}""");

        Struct value = (Struct) record.value();
        assertEquals(-4L, value.get("seq"));
        assertEquals(0, value.get("sampleSeconds"));
        assertEquals(-1, value.get("goodUnits"));
        assertEquals(-2.5, value.get("energyKwh"));
        assertEquals("G7", value.get("gatewayId"));
    }

    @Test
    void theSameMessageMapsToAnEqualRecord() {
        assertEquals(map(TELEMETRY_TOPIC, TELEMETRY), map(TELEMETRY_TOPIC, TELEMETRY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON             | seq 1                  | payload is not JSON
        a JSON array         | [1, 2]                 | payload is not a JSON object: [1,2]
        an empty payload     | ''                     | payload is not a JSON object: empty
        trailing garbage     | {"seq": 1} x           | payload is not JSON
        a duplicate property | {"seq": 1, "seq": 2}   | payload is not JSON: Duplicate field 'seq'
        """)
    void refusesPayloadsThatAreNotOneJsonObject(String what, String payload, String reason) {
        assertRefused(TELEMETRY_TOPIC, payload, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a null required field          | {"lineId": null}                     | MachineTelemetry needs field lineId, which is null
        a number for a string          | {"lineId": 7}                        | MachineTelemetry.lineId must be a JSON string, was 7
        a fraction for an int          | {"sampleSeconds": 600.5}             | sampleSeconds must be a JSON integer within int range, was 600.5
        an int out of range            | {"goodUnits": 3000000000}            | goodUnits must be a JSON integer within int range, was 3000000000
        a string for a long            | {"seq": "1"}                         | seq must be a JSON integer within long range, was "1"
        an unknown state               | {"state": "SETUP"}                   | state must be one of [RUNNING, IDLE, DOWN, MAINTENANCE, OFFLINE], was "SETUP"
        a lower-case state             | {"state": "running"}                 | state must be one of [RUNNING, IDLE, DOWN, MAINTENANCE, OFFLINE], was "running"
        a string for a boolean         | {"cloudConnected": "yes"}            | cloudConnected must be true or false, was "yes"
        a string for a double          | {"energyKwh": "3.0"}                 | energyKwh must be a JSON number, was "3.0"
        a time without offset          | {"eventTime": "2026-03-01T10:05:00"} | eventTime must be epoch milliseconds or an ISO-8601 date-time with offset
        a time that is no date         | {"eventTime": "yesterday"}           | eventTime must be epoch milliseconds or an ISO-8601 date-time with offset
        a fraction for epoch millis    | {"eventTime": 1772330700000.5}       | eventTime must be epoch milliseconds
        another device than the topic  | {"deviceId": "D2"}                   | deviceId "D2" in the payload contradicts 'D1' in the MQTT topic
        another enterprise             | {"enterpriseId": "E9"}               | enterpriseId "E9" in the payload contradicts 'E1' in the MQTT topic
        a number for the enterprise    | {"enterpriseId": 1}                  | enterpriseId 1 in the payload contradicts 'E1' in the MQTT topic
        """)
    void refusesFieldsThatCannotBeRepresented(String what, String change, String reason) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(TELEMETRY);
        payload.setAll((ObjectNode) JSON.readTree(change));
        assertRefused(TELEMETRY_TOPIC, payload.toString(), reason);
    }

    @Test
    void refusesAMissingRequiredField() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(TELEMETRY);
        payload.remove("seq");
        assertRefused(TELEMETRY_TOPIC, payload.toString(), "MachineTelemetry needs field seq, which is missing");
    }

    @Test
    void refusesTopicsOutsideTheLayout() {
        assertRefused("factory/E1/alarms", TELEMETRY, "MQTT topic 'factory/E1/alarms' is outside the layout");
    }

    private void assertRefused(String topic, String payload, String reason) {
        UnmappablePayloadException refused = assertThrows(UnmappablePayloadException.class, () -> map(topic, payload));
        assertTrue(refused.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + refused.getMessage());
    }

    private SourceRecord map(String topic, String json) {
        return messages.toSourceRecord(topic, json.getBytes(UTF_8));
    }
}
