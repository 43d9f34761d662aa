package io.industrybrain.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final byte[] payload = "{\"seq\": oops}".getBytes(UTF_8);
    private final UnmappablePayloadException error = new UnmappablePayloadException("payload is not JSON: oops");

    @Test
    void keepsThePayloadAndNamesWhereAndWhyInConnectsHeaders() {
        SourceRecord record = new DeadLetters("brain.mqtt.dlq", true, "mqtt-source")
                .record("factory/E1/D1/telemetry", payload, error);

        assertEquals("brain.mqtt.dlq", record.topic());
        assertEquals("factory/E1/D1/telemetry", record.key());
        assertEquals(Schema.BYTES_SCHEMA, record.valueSchema());
        assertArrayEquals(payload, (byte[]) record.value());
        Map<String, Object> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        assertEquals(Map.of(
                "__connect.errors.topic", "factory/E1/D1/telemetry",
                "__connect.errors.connector.name", "mqtt-source",
                "__connect.errors.task.id", "0",
                "__connect.errors.stage", "TASK_POLL",
                "__connect.errors.class.name", "io.industrybrain.connectors.GatewayMessages",
                "__connect.errors.exception.class.name", "io.industrybrain.connectors.UnmappablePayloadException",
                "__connect.errors.exception.message", "payload is not JSON: oops"), headers);
    }

    @Test
    void addsNoHeadersUnlessAskedTo() {
        SourceRecord record = new DeadLetters("brain.mqtt.dlq", false, "mqtt-source")
                .record("factory/E1/production", payload, error);

        assertTrue(record.headers().isEmpty());
        assertArrayEquals(payload, (byte[]) record.value());
    }
}
