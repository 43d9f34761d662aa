package io.industrybrain.connectors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Brings factory gateways' MQTT messages into the product's input topics: {@code brain.telemetry}
 * (deviceId -> MachineTelemetry), {@code brain.production}, {@code brain.shifts} and
 * {@code brain.processes} (enterpriseId -> ProductionOutput, WorkShift, ProcessHeartbeat), values
 * written by {@link AvroConverter}. The MQTT topic layout is {@link MqttTopicLayout}'s, the JSON
 * format {@link JsonPayloads}'.
 *
 * <p>One task: MQTT delivers every message of a subscription to each subscriber, so a second task
 * would only duplicate the first. To spread load, run one connector per part of the topic tree.
 */
public final class MqttSourceConnector extends SourceConnector {

    /** The id of the one task, as Connect numbers tasks. */
    static final String TASK_ID = "0";

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new MqttSourceConfig(props); // fails the connector at once on bad settings, before any task starts
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return MqttSourceConfig.CONFIG_DEF;
    }

    /** Adds the check across settings: errors.tolerance=all without a dead-letter topic would drop payloads. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        String problem = MqttSourceConfig.toleranceProblem(connectorConfigs);
        if (problem != null) {
            config.configValues().stream()
                    .filter(value -> value.name().equals(MqttSourceConfig.DLQ_TOPIC))
                    .forEach(value -> value.addErrorMessage(problem));
        }
        return config;
    }
}
