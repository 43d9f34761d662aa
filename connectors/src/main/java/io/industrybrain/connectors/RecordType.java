package io.industrybrain.connectors;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import org.apache.avro.Schema;

/**
 * The kinds of message a gateway publishes: the last level of the MQTT topic names the kind, the
 * Avro record it becomes, and the field that keys it on Kafka (the contract's keys: deviceId for
 * telemetry, enterpriseId for the rest).
 */
public enum RecordType {
    TELEMETRY("telemetry", MachineTelemetry.getClassSchema(), "deviceId"),
    PRODUCTION("production", ProductionOutput.getClassSchema(), "enterpriseId"),
    SHIFTS("shifts", WorkShift.getClassSchema(), "enterpriseId"),
    PROCESSES("processes", ProcessHeartbeat.getClassSchema(), "enterpriseId");

    private final String topicLevel;
    private final Schema avroSchema;
    private final String keyField;

    RecordType(String topicLevel, Schema avroSchema, String keyField) {
        this.topicLevel = topicLevel;
        this.avroSchema = avroSchema;
        this.keyField = keyField;
    }

    /** The last level of the MQTT topics of this kind, e.g. {@code telemetry}. */
    public String topicLevel() { return topicLevel; }

    public Schema avroSchema() { return avroSchema; }

    /** The field whose value is the Kafka record key. */
    public String keyField() { return keyField; }
}
