package io.industrybrain.connectors;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Source records for the dead-letter topic: the payload unchanged (bytes, which {@link AvroConverter}
 * passes through), keyed by the MQTT topic, with the headers Connect's own dead-letter reporter
 * writes for sink connectors when context headers are on. Connect has no dead-letter reporter
 * for source connectors (Kafka 4.3: a source record that fails conversion with
 * errors.tolerance=all is only logged), so the connector writes these itself.
 */
final class DeadLetters {

    static final String HEADER_PREFIX = "__connect.errors.";
    static final String ORIGINAL_TOPIC = HEADER_PREFIX + "topic";
    static final String CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
    static final String TASK_ID = HEADER_PREFIX + "task.id";
    static final String STAGE = HEADER_PREFIX + "stage";
    static final String EXECUTING_CLASS = HEADER_PREFIX + "class.name";
    static final String EXCEPTION = HEADER_PREFIX + "exception.class.name";
    static final String EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
    /** Connect's name of the stage in which a source task produces records. */
    static final String STAGE_TASK_POLL = "TASK_POLL";

    private final String topic;
    private final boolean contextHeaders;
    private final String connectorName;

    DeadLetters(String topic, boolean contextHeaders, String connectorName) {
        this.topic = topic;
        this.contextHeaders = contextHeaders;
        this.connectorName = connectorName;
    }

    String topic() { return topic; }

    SourceRecord record(String mqttTopic, byte[] payload, UnmappablePayloadException error) {
        ConnectHeaders headers = new ConnectHeaders();
        if (contextHeaders) {
            headers.addString(ORIGINAL_TOPIC, mqttTopic)
                    .addString(CONNECTOR_NAME, connectorName)
                    .addString(TASK_ID, MqttSourceConnector.TASK_ID)
                    .addString(STAGE, STAGE_TASK_POLL)
                    .addString(EXECUTING_CLASS, GatewayMessages.class.getName())
                    .addString(EXCEPTION, error.getClass().getName())
                    .addString(EXCEPTION_MESSAGE, error.getMessage());
        }
        return new SourceRecord(null, null, topic, null, Schema.STRING_SCHEMA, mqttTopic,
                Schema.BYTES_SCHEMA, payload, null, headers);
    }
}
