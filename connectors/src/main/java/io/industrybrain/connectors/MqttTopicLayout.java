package io.industrybrain.connectors;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where gateways publish, under a configurable root ({@code factory} by default):
 * <pre>
 *   factory/{enterpriseId}/{deviceId}/telemetry   MachineTelemetry
 *   factory/{enterpriseId}/production             ProductionOutput
 *   factory/{enterpriseId}/shifts                 WorkShift
 *   factory/{enterpriseId}/processes              ProcessHeartbeat
 * </pre>
 * The ids in the path let a broker's access rules confine each gateway to its own enterprise (and
 * device), and let a payload leave them out.
 */
public final class MqttTopicLayout {

    /** Where a message was published: its kind and the ids its topic carries (deviceId only for telemetry). */
    public record Address(RecordType type, String enterpriseId, String deviceId) { }

    private final String root;

    /** @param root one or more topic levels without wildcards, e.g. {@code factory} or {@code zj/factory} */
    public MqttTopicLayout(String root) {
        String problem = problemWithRoot(root);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.root = root;
    }

    /** Why {@code root} cannot be a topic root, or null when it can. */
    static String problemWithRoot(String root) {
        if (root == null || root.isEmpty()) {
            return "the MQTT topic root is empty";
        }
        if (root.contains("+") || root.contains("#")) {
            return "the MQTT topic root '" + root + "' contains a wildcard";
        }
        if (root.startsWith("/") || root.endsWith("/") || root.contains("//")) {
            return "the MQTT topic root '" + root + "' has an empty level";
        }
        return null;
    }

    /** The topic filters to subscribe to, one per record type. */
    public List<String> filters() {
        return Arrays.stream(RecordType.values())
                .map(type -> type == RecordType.TELEMETRY
                        ? root + "/+/+/" + type.topicLevel()
                        : root + "/+/" + type.topicLevel())
                .toList();
    }

    /**
     * Reads the kind and ids from a topic a message arrived on.
     *
     * @throws UnmappablePayloadException when the topic does not follow the layout
     */
    public Address parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!topic.startsWith(root + "/")) {
            throw outside(topic);
        }
        String[] levels = topic.substring(root.length() + 1).split("/", -1);
        if (Arrays.stream(levels).anyMatch(String::isEmpty)) {
            throw new UnmappablePayloadException("MQTT topic '" + topic + "' has an empty level where an id belongs");
        }
        String last = levels[levels.length - 1];
        for (RecordType type : RecordType.values()) {
            if (!type.topicLevel().equals(last)) {
                continue;
            }
            if (type == RecordType.TELEMETRY && levels.length == 3) {
                return new Address(type, levels[0], levels[1]);
            }
            if (type != RecordType.TELEMETRY && levels.length == 2) {
                return new Address(type, levels[0], null);
            }
        }
        throw outside(topic);
    }

    private UnmappablePayloadException outside(String topic) {
        return new UnmappablePayloadException("MQTT topic '" + topic + "' is outside the layout " + filters());
    }
}
