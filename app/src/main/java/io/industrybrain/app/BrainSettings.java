package io.industrybrain.app;

import io.industrybrain.streams.topology.InvalidSettingException;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The validated settings of one run. Built only by {@link SettingsLoader}; every malformed value
 * fails with a {@link SettingException} naming the setting and where the value came from.
 */
public record BrainSettings(
        Optional<String> bootstrapServers,
        Optional<String> schemaRegistryUrl,
        int brokerPort,
        int registryPort,
        int httpPort,
        TopologySettings topology,
        boolean simulator,
        Path dataDir,
        String applicationId,
        String processingGuarantee,
        Optional<Duration> commitInterval,
        int streamThreads,
        int standbyReplicas) {

    /** True when no cluster is named: the broker and registry run in this process. */
    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    /**
     * The cluster a command talks to: the named one, or the embedded broker of a {@code ./brain} running
     * on this machine with the same settings.
     */
    public String commandBootstrapServers() {
        return bootstrapServers.orElse("localhost:" + brokerPort);
    }

    /** The registry a command talks to: the named one, or the embedded registry of a running {@code ./brain}. */
    public String commandRegistryUrl() {
        return schemaRegistryUrl.orElse("http://localhost:" + registryPort);
    }

    /** The first of the registry URLs given (or the embedded one's, once known): what start-up and /health probe. */
    static String firstUrl(String urls) {
        return urls.split(",")[0].strip();
    }

    public TopicNames topics() {
        return topology.topics();
    }

    static BrainSettings from(Map<Setting, SettingsLoader.Sourced> values) {
        Values v = new Values(values);
        Optional<String> bootstrap = v.get(Setting.BOOTSTRAP_SERVERS);
        String topicPrefix = v.get(Setting.TOPIC_PREFIX);
        Optional<Boolean> simulator = v.get(Setting.SIMULATOR);
        Optional<String> applicationId = v.get(Setting.APPLICATION_ID);
        return new BrainSettings(
                bootstrap,
                v.get(Setting.SCHEMA_REGISTRY_URL),
                v.get(Setting.BROKER_PORT),
                v.get(Setting.REGISTRY_PORT),
                v.get(Setting.HTTP_PORT),
                v.topology(topicPrefix),
                simulator.orElse(bootstrap.isEmpty()),
                v.get(Setting.DATA_DIR),
                applicationId.orElse(topicPrefix + "industry-brain"),
                v.get(Setting.PROCESSING_GUARANTEE),
                v.get(Setting.COMMIT_INTERVAL),
                v.get(Setting.STREAM_THREADS),
                v.get(Setting.STANDBY_REPLICAS));
    }

    /** Reads the typed values of the settings table, failing with the setting's name and the value's source. */
    private record Values(Map<Setting, SettingsLoader.Sourced> values) {

        /** The setting's value, of the type its parser gives. */
        @SuppressWarnings("unchecked")
        <T> T get(Setting setting) {
            SettingsLoader.Sourced sourced = values.get(setting);
            try {
                return (T) setting.parse(sourced == null ? "" : sourced.value());
            } catch (Parse.Problem e) {
                throw bad(setting, e.getMessage(), e.showValue());
            }
        }

        /**
         * What the topologies are configured with, for one intake task (the app sets the real count with
         * {@link TopologySettings#withIntakeTasks} once it has described the event topics); the topology's own
         * types check the values.
         */
        TopologySettings topology(String topicPrefix) {
            try {
                return new TopologySettings(new TopicNames(topicPrefix), get(Setting.WINDOW), get(Setting.GRACE),
                        get(Setting.SMART_FACTORY_MIN_NC_RATIO), get(Setting.SMART_FACTORY_MIN_CLOUD_RATIO), get(Setting.UPDATE_INTERVAL),
                        TopologySettings.DEFAULT_INTAKE_TASKS, get(Setting.PARTITIONS), get(Setting.MIN_GROUP_SIZE),
                        new ProgressTimings(get(Setting.WATERMARK_INTERVAL), get(Setting.INTAKE_IDLE_AFTER)));
            } catch (InvalidSettingException e) {
                Setting setting = Setting.byKey(e.setting()).orElseThrow(() -> e);
                throw bad(setting, e.problem(), true);
            }
        }

        private SettingException bad(Setting setting, String problem, boolean showValue) {
            SettingsLoader.Sourced v = values.get(setting);
            String from = v == null || !showValue ? "" : " ('" + v.value() + "' from " + v.source() + ")";
            return new SettingException(setting.key(), problem + from);
        }
    }
}
