package io.industrybrain.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttTopicLayoutTest {

    private final MqttTopicLayout layout = new MqttTopicLayout("factory");

    @Test
    void subscribesToOneFilterPerRecordType() {
        assertEquals(List.of("factory/+/+/telemetry", "factory/+/production", "factory/+/shifts", "factory/+/processes"),
                layout.filters());
        assertEquals(List.of("zj/factory/+/+/telemetry", "zj/factory/+/production", "zj/factory/+/shifts",
                "zj/factory/+/processes"), new MqttTopicLayout("zj/factory").filters());
    }

    @Test
    void readsKindAndIdsFromTheTopic() {
        assertEquals(new MqttTopicLayout.Address(RecordType.TELEMETRY, "E1", "D1"), layout.parse("factory/E1/D1/telemetry"));
        assertEquals(new MqttTopicLayout.Address(RecordType.PRODUCTION, "E1", null), layout.parse("factory/E1/production"));
        assertEquals(new MqttTopicLayout.Address(RecordType.SHIFTS, "E2", null), layout.parse("factory/E2/shifts"));
        assertEquals(new MqttTopicLayout.Address(RecordType.PROCESSES, "E3", null), layout.parse("factory/E3/processes"));
        assertEquals(new MqttTopicLayout.Address(RecordType.TELEMETRY, "E1", "D1"),
                new MqttTopicLayout("zj/factory").parse("zj/factory/E1/D1/telemetry"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "factory/E1/telemetry", "factory/E1/D1/production", "factory/E1/D1/x/telemetry", "factory/E1/alarms",
        "plant/E1/production", "factory", "factory/", "factory//D1/telemetry", "factory/E1//telemetry", "factoryE1/production"})
    void refusesTopicsOutsideTheLayout(String topic) {
        assertThrows(UnmappablePayloadException.class, () -> layout.parse(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "factory/+", "#", "/factory", "factory/", "a//b"})
    void refusesRootsThatCannotPrefixATopic(String root) {
        assertThrows(IllegalArgumentException.class, () -> new MqttTopicLayout(root));
    }
}
