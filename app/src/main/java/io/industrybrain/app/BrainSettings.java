package io.industrybrain.app;

import io.industrybrain.app.http.BearerToken;
import io.industrybrain.app.http.ServerKeyStore;
import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.serde.RegistryAccess;
import io.industrybrain.streams.topology.InvalidSettingException;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validated settings of one run. Built only by {@link SettingsLoader}; every malformed value
 * fails with a {@link SettingException} naming the setting and where the value came from. Its {@code toString()} shows
 * no secret: the Kafka client settings and the registry's access mask theirs.
 *
 * @param kafkaClients the {@code kafka.*} settings, which every Kafka client gets (the cluster's address is added
 *                     where it is known: {@link #commandKafkaClients()}, or the app once its broker listens)
 * @param kafkaStreams the {@code kafka.streams.*} settings, by Kafka Streams' names, which Kafka Streams alone gets,
 *                     over the others
 * @param registryAccess the credentials and trust store of the schema registry
 * @param httpTls the certificate the HTTP endpoints serve https with; none: plain http
 * @param httpToken the token the query API asks for; none: it is open
 */
public record BrainSettings(
        Optional<String> bootstrapServers,
        Optional<String> schemaRegistryUrl,
        RegistryAccess registryAccess,
        KafkaClientSettings kafkaClients,
        KafkaClientSettings kafkaStreams,
        int brokerPort,
        int registryPort,
        int httpPort,
        Optional<ServerKeyStore> httpTls,
        Optional<BearerToken> httpToken,
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

    /** The Kafka client settings of a command, against {@link #commandBootstrapServers()}. */
    public KafkaClientSettings commandKafkaClients() {
        return kafkaClients.withBootstrapServers(commandBootstrapServers());
    }

    /** The registry a command talks to: the named one, or the embedded registry of a running {@code ./brain}. */
    public String commandRegistryUrl() {
        return schemaRegistryUrl.orElse("http://localhost:" + registryPort);
    }

    public TopicNames topics() {
        return topology.topics();
    }

    static BrainSettings from(Map<String, SettingsLoader.Sourced> values) {
        Values v = new Values(values);
        Optional<String> bootstrap = v.get(Setting.BOOTSTRAP_SERVERS);
        String topicPrefix = v.get(Setting.TOPIC_PREFIX);
        Optional<Boolean> simulator = v.get(Setting.SIMULATOR);
        Optional<String> applicationId = v.get(Setting.APPLICATION_ID);
        return new BrainSettings(
                bootstrap,
                v.get(Setting.SCHEMA_REGISTRY_URL),
                v.registryAccess(),
                new KafkaClientSettings(v.passThrough(false)),
                new KafkaClientSettings(v.passThrough(true)),
                v.get(Setting.BROKER_PORT),
                v.get(Setting.REGISTRY_PORT),
                v.get(Setting.HTTP_PORT),
                v.httpTls(),
                v.<Optional<String>>get(Setting.HTTP_AUTH_TOKEN).map(BearerToken::new),
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
    private record Values(Map<String, SettingsLoader.Sourced> values) {

        /** The setting's value, of the type its parser gives. */
        @SuppressWarnings("unchecked")
        <T> T get(Setting setting) {
            SettingsLoader.Sourced sourced = values.get(setting.key());
            try {
                return (T) setting.parse(sourced == null ? "" : sourced.value());
            } catch (Parse.Problem e) {
                throw bad(setting.key(), e.getMessage(), e.showValue());
            }
        }

        /**
         * The {@code kafka.*} settings by Kafka's names, each checked as Kafka will read it.
         *
         * @param streams the {@code kafka.streams.*} ones, or all the others
         */
        Map<String, String> passThrough(boolean streams) {
            Map<String, String> settings = new TreeMap<>();
            values.forEach((key, sourced) -> {
                if (KafkaPassThrough.isPassThrough(key) && key.startsWith(KafkaPassThrough.STREAMS_PREFIX) == streams) {
                    KafkaPassThrough.problem(key, sourced.value()).ifPresent(problem -> {
                        throw bad(key, problem.getMessage(), problem.showValue());
                    });
                    String prefix = streams ? KafkaPassThrough.STREAMS_PREFIX : KafkaPassThrough.PREFIX;
                    settings.put(key.substring(prefix.length()), sourced.value());
                }
            });
            return settings;
        }

        RegistryAccess registryAccess() {
            Optional<Path> trustStore = get(Setting.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION);
            Optional<String> password = get(Setting.SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD);
            String type = get(Setting.SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE);
            try {
                return RegistryAccess.of(get(Setting.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                        trustStore.map(location -> new RegistryAccess.TrustStore(location, password.orElse(null), type.strip())));
            } catch (IllegalArgumentException e) {
                throw bad(Setting.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION.key(), e.getMessage(), false);
            }
        }

        /** The key store is read here, so that one https cannot use stops start-up before anything listens. */
        Optional<ServerKeyStore> httpTls() {
            Optional<Path> location = get(Setting.HTTP_TLS_KEYSTORE_LOCATION);
            Optional<String> password = get(Setting.HTTP_TLS_KEYSTORE_PASSWORD);
            if (location.isEmpty()) {
                if (password.isPresent()) {
                    throw bad(Setting.HTTP_TLS_KEYSTORE_LOCATION.key(), "is unset, yet " + Setting.HTTP_TLS_KEYSTORE_PASSWORD.key()
                            + " is given: set both for https, or neither", false);
                }
                return Optional.empty();
            }
            if (password.isEmpty()) {
                throw bad(Setting.HTTP_TLS_KEYSTORE_PASSWORD.key(), "is needed to open the key store of "
                        + Setting.HTTP_TLS_KEYSTORE_LOCATION.key(), false);
            }
            String type = get(Setting.HTTP_TLS_KEYSTORE_TYPE);
            try {
                return Optional.of(ServerKeyStore.read(location.get(), password.get(), type.strip()));
            } catch (ServerKeyStore.Unusable e) {
                Setting setting = switch (e.fault()) {
                    case LOCATION -> Setting.HTTP_TLS_KEYSTORE_LOCATION;
                    case PASSWORD -> Setting.HTTP_TLS_KEYSTORE_PASSWORD;
                    case TYPE -> Setting.HTTP_TLS_KEYSTORE_TYPE;
                };
                throw bad(setting.key(), e.getMessage(), false);
            }
        }

        /**
         * What the topologies are configured with, for one intake task (the app sets the real count with
         * {@link TopologySettings#withIntakeTasks} once it has described the event topics); the topology's own
         * types check the values.
         */
        TopologySettings topology(String topicPrefix) {
            try {
                return new TopologySettings(new TopicNames(topicPrefix, get(Setting.METRICS_FINAL_RETENTION)), get(Setting.WINDOW), get(Setting.GRACE),
                        get(Setting.SMART_FACTORY_MIN_NC_RATIO), get(Setting.SMART_FACTORY_MIN_CLOUD_RATIO), get(Setting.UPDATE_INTERVAL),
                        TopologySettings.DEFAULT_INTAKE_TASKS, get(Setting.PARTITIONS), get(Setting.MIN_GROUP_SIZE),
                        new ProgressTimings(get(Setting.WATERMARK_INTERVAL), get(Setting.INTAKE_IDLE_AFTER)), get(Setting.PERIOD_ZONE));
            } catch (InvalidSettingException e) {
                Setting setting = Setting.byKey(e.setting()).orElseThrow(() -> e);
                throw bad(setting.key(), e.problem(), true);
            }
        }

        private SettingException bad(String key, String problem, boolean showValue) {
            SettingsLoader.Sourced v = values.get(key);
            String from = v == null || !showValue ? "" : " (" + v.shown() + ")";
            return new SettingException(key, problem + from);
        }
    }
}
