package io.industrybrain.connectors;

import io.industrybrain.topics.TopicNames;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings. The dead-letter keys are Connect's own names: Connect honours them only
 * for sink connectors, so this connector applies them itself to the one failure it can see and
 * Connect cannot, a payload that does not map (see {@link MqttSourceTask}).
 */
public final class MqttSourceConfig extends AbstractConfig {

    public static final String SERVER_URIS = "mqtt.server.uris";
    public static final String CLIENT_ID = "mqtt.client.id";
    public static final String USERNAME = "mqtt.username";
    public static final String PASSWORD = "mqtt.password";
    public static final String TOPIC_ROOT = "mqtt.topic.root";
    public static final String KAFKA_TOPIC_PREFIX = "kafka.topic.prefix";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    public static final String DLQ_CONTEXT_HEADERS = "errors.deadletterqueue.context.headers.enable";
    /** Connect's own key, defined by the framework for every connector: read here, not redefined. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    /** The connector's name, set by the framework. */
    public static final String NAME = "name";

    /** The product's own topic names, without a prefix ({@code kafka.topic.prefix} is added to them). */
    private static final TopicNames PRODUCT_TOPICS = new TopicNames("");
    private static final Map<RecordType, String> DEFAULT_TOPICS = Map.of(
            RecordType.TELEMETRY, PRODUCT_TOPICS.telemetry(),
            RecordType.PRODUCTION, PRODUCT_TOPICS.production(),
            RecordType.SHIFTS, PRODUCT_TOPICS.shifts(),
            RecordType.PROCESSES, PRODUCT_TOPICS.processes());

    static final ConfigDef CONFIG_DEF = configDef();

    public MqttSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        String problem = toleranceProblem(props);
        if (problem != null) {
            throw new ConfigException(problem);
        }
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef()
                .define(SERVER_URIS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.ValidList.anyNonDuplicateValues(false, false),
                        Importance.HIGH, "MQTT broker URIs, e.g. tcp://mqtt.example:1883 or ssl://mqtt.example:8883; tried in turn.")
                .define(CLIENT_ID, Type.STRING, "", Importance.HIGH,
                        "MQTT client id. The broker keeps the session (subscriptions and messages queued while the worker is "
                                + "away) under this id, so it must stay the same across restarts and be unique per connector. "
                                + "Empty: industry-brain-<connector name>.")
                .define(USERNAME, Type.STRING, null, Importance.MEDIUM, "MQTT user name; unset for anonymous access.")
                .define(PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "MQTT password.")
                .define(TOPIC_ROOT, Type.STRING, "factory", (name, value) -> {
                    String problem = MqttTopicLayout.problemWithRoot((String) value);
                    if (problem != null) {
                        throw new ConfigException(name, value, problem);
                    }
                }, Importance.MEDIUM, "First level(s) of every MQTT topic: <root>/{enterpriseId}/{deviceId}/telemetry, "
                        + "<root>/{enterpriseId}/production, <root>/{enterpriseId}/shifts, <root>/{enterpriseId}/processes.")
                .define(KAFKA_TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM,
                        "Prefix of every Kafka topic written to (the product's topic.prefix).")
                .define(DLQ_TOPIC, Type.STRING, "", Importance.HIGH,
                        "Kafka topic for payloads that cannot be mapped, written unchanged, keyed by the MQTT topic. "
                                + "Required with errors.tolerance=all. Not prefixed.")
                .define(DLQ_CONTEXT_HEADERS, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Add Connect's __connect.errors.* headers (MQTT topic, connector, task, stage, exception) to dead letters.");
        for (RecordType type : RecordType.values()) {
            def.define(topicKey(type), Type.STRING, DEFAULT_TOPICS.get(type), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Kafka topic (before the prefix) of " + type.avroSchema().getName() + " records.");
        }
        return def;
    }

    static String topicKey(RecordType type) {
        return "kafka.topic." + type.topicLevel();
    }

    /**
     * Why the error settings would let a payload be dropped silently, or null when they do not:
     * Connect's own meaning of errors.tolerance=all without a dead-letter topic is log-and-skip.
     */
    static String toleranceProblem(Map<String, String> props) {
        String tolerance = props.getOrDefault(ERRORS_TOLERANCE, "none").trim().toLowerCase(Locale.ROOT);
        if (!tolerance.equals("none") && !tolerance.equals("all")) {
            return ERRORS_TOLERANCE + " must be none or all, was '" + tolerance + "'";
        }
        if (tolerance.equals("all") && props.getOrDefault(DLQ_TOPIC, "").isBlank()) {
            return ERRORS_TOLERANCE + "=all needs " + DLQ_TOPIC + ": this connector never drops a payload silently";
        }
        return null;
    }

    /** True with errors.tolerance=all: an unmappable payload goes to the dead-letter topic instead of failing the task. */
    public boolean toleratesUnmappable() {
        return "all".equalsIgnoreCase(originalsStrings().getOrDefault(ERRORS_TOLERANCE, "none").trim());
    }

    public List<String> serverUris() { return getList(SERVER_URIS); }

    public String clientId() {
        String configured = getString(CLIENT_ID);
        return configured.isBlank() ? "industry-brain-" + connectorName() : configured;
    }

    public String connectorName() {
        return originalsStrings().getOrDefault(NAME, "mqtt-source");
    }

    public String username() { return getString(USERNAME); }

    public Password password() { return getPassword(PASSWORD); }

    public MqttTopicLayout topicLayout() { return new MqttTopicLayout(getString(TOPIC_ROOT)); }

    /** The Kafka topic of each record type, prefix included. */
    public Map<RecordType, String> kafkaTopics() {
        Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            topics.put(type, getString(KAFKA_TOPIC_PREFIX) + getString(topicKey(type)));
        }
        return topics;
    }

    /** The dead-letter topic, or empty when there is none. */
    public String deadLetterTopic() { return getString(DLQ_TOPIC).trim(); }

    public boolean deadLetterContextHeaders() { return getBoolean(DLQ_CONTEXT_HEADERS); }
}
