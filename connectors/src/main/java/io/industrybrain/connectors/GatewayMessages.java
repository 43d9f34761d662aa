package io.industrybrain.connectors;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one MQTT message into the source record of its contract record: the topic says which
 * record and which Kafka topic, the JSON payload fills the fields ({@link JsonPayloads}), the
 * record's key field keys it. The same message always gives the same record, so a redelivered
 * message is an exact duplicate.
 */
final class GatewayMessages {

    private final MqttTopicLayout layout;
    private final Map<RecordType, String> kafkaTopics;

    GatewayMessages(MqttTopicLayout layout, Map<RecordType, String> kafkaTopics) {
        this.layout = layout;
        this.kafkaTopics = Map.copyOf(kafkaTopics);
    }

    /**
     * @throws UnmappablePayloadException when the topic is outside the layout or the payload does not map
     */
    SourceRecord toSourceRecord(String mqttTopic, byte[] payload) {
        MqttTopicLayout.Address address = layout.parse(mqttTopic);
        Map<String, String> idsFromTopic = new HashMap<>();
        idsFromTopic.put("enterpriseId", address.enterpriseId());
        if (address.deviceId() != null) {
            idsFromTopic.put("deviceId", address.deviceId());
        }
        RecordType type = address.type();
        Struct value = JsonPayloads.read(payload, type.avroSchema(), idsFromTopic);
        // Partition and offset stay null: the MQTT broker's session, not Connect's offsets, tracks progress.
        return new SourceRecord(null, null, kafkaTopics.get(type), null,
                Schema.STRING_SCHEMA, value.getString(type.keyField()), value.schema(), value);
    }
}
