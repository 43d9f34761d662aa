package io.industrybrain.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.topics.TopicNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class MqttSourceConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of("name", "mqtt-source", "mqtt.server.uris", "tcp://localhost:1883"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaultTopicsAreTheProductsWithItsPrefix() {
        for (String prefix : List.of("", "test.")) {
            TopicNames names = new TopicNames(prefix);
            Map<RecordType, String> topics = new MqttSourceConfig(props("kafka.topic.prefix", prefix)).kafkaTopics();

            assertEquals(names.telemetry(), topics.get(RecordType.TELEMETRY));
            assertEquals(names.production(), topics.get(RecordType.PRODUCTION));
            assertEquals(names.shifts(), topics.get(RecordType.SHIFTS));
            assertEquals(names.processes(), topics.get(RecordType.PROCESSES));
        }
    }

    @Test
    void topicNamesCanBeChanged() {
        MqttSourceConfig config = new MqttSourceConfig(props("kafka.topic.prefix", "x.", "kafka.topic.telemetry", "samples"));

        assertEquals("x.samples", config.kafkaTopics().get(RecordType.TELEMETRY));
        assertEquals("x.brain.shifts", config.kafkaTopics().get(RecordType.SHIFTS));
    }

    @Test
    void clientIdIsStableFromTheConnectorNameUnlessSet() {
        assertEquals("industry-brain-mqtt-source", new MqttSourceConfig(props()).clientId());
        assertEquals("gw-bridge-1", new MqttSourceConfig(props("mqtt.client.id", "gw-bridge-1")).clientId());
    }

    @Test
    void toleranceAllNeedsADeadLetterTopic() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> new MqttSourceConfig(props("errors.tolerance", "all")));
        assertTrue(refused.getMessage().contains("errors.tolerance=all needs errors.deadletterqueue.topic.name"),
                refused.getMessage());

        MqttSourceConfig tolerant = new MqttSourceConfig(props("errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "brain.mqtt.dlq"));
        assertTrue(tolerant.toleratesUnmappable());
        assertEquals("brain.mqtt.dlq", tolerant.deadLetterTopic());
        assertFalse(new MqttSourceConfig(props()).toleratesUnmappable());
    }

    @Test
    void validationNamesTheMissingDeadLetterTopic() {
        Map<String, ConfigValue> values = new HashMap<>();
        new MqttSourceConnector().validate(props("errors.tolerance", "all")).configValues()
                .forEach(value -> values.put(value.name(), value));

        assertEquals(List.of("errors.tolerance=all needs errors.deadletterqueue.topic.name: this connector never drops "
                + "a payload silently"), values.get("errors.deadletterqueue.topic.name").errorMessages());
        assertTrue(values.get("mqtt.server.uris").errorMessages().isEmpty());
    }

    @Test
    void refusesARootWithWildcards() {
        assertThrows(ConfigException.class, () -> new MqttSourceConfig(props("mqtt.topic.root", "factory/#")));
    }
}
