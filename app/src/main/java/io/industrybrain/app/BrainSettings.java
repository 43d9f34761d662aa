package io.industrybrain.app;

import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

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
        Duration window,
        Duration grace,
        Duration updateInterval,
        ProgressTimings progress,
        String topicPrefix,
        int partitions,
        int minGroupSize,
        double smartFactoryMinNcRatio,
        double smartFactoryMinCloudRatio,
        boolean simulator,
        Path dataDir,
        String applicationId,
        String processingGuarantee,
        Optional<Duration> commitInterval,
        int streamThreads) {

    /** The values {@code processing.guarantee} takes: Kafka Streams' own names. */
    static final List<String> GUARANTEES = List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

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
        return new TopicNames(topicPrefix);
    }

    /**
     * What the topologies are configured with, for one intake task: the app sets the real count with
     * {@link TopologySettings#withIntakeTasks} once it has described the event topics.
     */
    public TopologySettings topology() {
        return new TopologySettings(topics(), window, grace, smartFactoryMinNcRatio, smartFactoryMinCloudRatio, updateInterval,
                TopologySettings.DEFAULT_INTAKE_TASKS, partitions, minGroupSize, progress);
    }

    static BrainSettings from(Map<Setting, SettingsLoader.Sourced> values) {
        Parser p = new Parser(values);
        Optional<String> bootstrap = p.optionalText(Setting.BOOTSTRAP_SERVERS);
        Duration window = p.duration(Setting.WINDOW);
        if (window.isZero() || window.isNegative()) {
            throw p.bad(Setting.WINDOW, "must be longer than zero");
        }
        Duration grace = p.duration(Setting.GRACE);
        if (grace.isNegative()) {
            throw p.bad(Setting.GRACE, "must not be negative");
        }
        Duration updateInterval = p.duration(Setting.UPDATE_INTERVAL);
        if (updateInterval.isNegative()) {
            throw p.bad(Setting.UPDATE_INTERVAL, "must not be negative");
        }
        Duration watermarkInterval = p.duration(Setting.WATERMARK_INTERVAL);
        if (watermarkInterval.toMillis() < 1) {
            throw p.bad(Setting.WATERMARK_INTERVAL, "must be at least 1 ms");
        }
        Duration idleAfter = p.duration(Setting.INTAKE_IDLE_AFTER);
        if (idleAfter.isNegative()) {
            throw p.bad(Setting.INTAKE_IDLE_AFTER, "must not be negative");
        }
        int partitions = p.integer(Setting.PARTITIONS);
        if (partitions < 1) {
            throw p.bad(Setting.PARTITIONS, "must be at least 1");
        }
        int minGroupSize = p.integer(Setting.MIN_GROUP_SIZE);
        if (minGroupSize < 1) {
            throw p.bad(Setting.MIN_GROUP_SIZE, "must be at least 1");
        }
        Optional<String> simulator = p.optionalText(Setting.SIMULATOR);
        boolean simulatorOn = simulator.map(v -> switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw p.bad(Setting.SIMULATOR, "must be on or off");
        }).orElse(bootstrap.isEmpty());
        Optional<String> registryUrl = p.optionalText(Setting.SCHEMA_REGISTRY_URL);
        registryUrl.ifPresent(urls -> {
            for (String url : urls.split(",")) {
                URI uri;
                try {
                    uri = new URI(url.strip());
                } catch (URISyntaxException e) {
                    throw p.bad(Setting.SCHEMA_REGISTRY_URL, "not a URL: " + e.getReason());
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw p.bad(Setting.SCHEMA_REGISTRY_URL, "must be an http:// or https:// URL");
                }
                if (uri.getUserInfo() != null) {
                    // Credentials in the URL would be printed and logged wherever the URL is.
                    throw new SettingException(Setting.SCHEMA_REGISTRY_URL.key(), "credentials in the URL are not supported");
                }
            }
        });
        String topicPrefix = p.text(Setting.TOPIC_PREFIX);
        String guarantee = p.text(Setting.PROCESSING_GUARANTEE).strip();
        if (!GUARANTEES.contains(guarantee)) {
            throw p.bad(Setting.PROCESSING_GUARANTEE, "must be one of " + GUARANTEES);
        }
        Optional<Duration> commitInterval = p.optionalText(Setting.COMMIT_INTERVAL).map(v -> p.duration(Setting.COMMIT_INTERVAL));
        if (commitInterval.isPresent() && (commitInterval.get().isNegative() || commitInterval.get().isZero())) {
            throw p.bad(Setting.COMMIT_INTERVAL, "must be longer than zero");
        }
        int streamThreads = p.integer(Setting.STREAM_THREADS);
        if (streamThreads < 1) {
            throw p.bad(Setting.STREAM_THREADS, "must be at least 1");
        }
        return new BrainSettings(
                bootstrap,
                registryUrl,
                p.port(Setting.BROKER_PORT),
                p.port(Setting.REGISTRY_PORT),
                p.port(Setting.HTTP_PORT),
                window,
                grace,
                updateInterval,
                new ProgressTimings(watermarkInterval, idleAfter),
                topicPrefix,
                partitions,
                minGroupSize,
                p.ratio(Setting.SMART_FACTORY_MIN_NC_RATIO),
                p.ratio(Setting.SMART_FACTORY_MIN_CLOUD_RATIO),
                simulatorOn,
                Path.of(p.text(Setting.DATA_DIR)),
                p.optionalText(Setting.APPLICATION_ID).orElse(topicPrefix + "industry-brain"),
                guarantee,
                commitInterval,
                streamThreads);
    }

    /** Reads typed values, failing with the setting's name and the value's source. */
    private record Parser(Map<Setting, SettingsLoader.Sourced> values) {

        SettingException bad(Setting setting, String problem) {
            SettingsLoader.Sourced v = values.get(setting);
            String from = v == null ? "" : " ('" + v.value() + "' from " + v.source() + ")";
            return new SettingException(setting.key(), problem + from);
        }

        String text(Setting setting) {
            SettingsLoader.Sourced v = values.get(setting);
            return v == null ? "" : v.value();
        }

        Optional<String> optionalText(Setting setting) {
            String v = text(setting).strip();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        Duration duration(Setting setting) {
            try {
                return Duration.parse(text(setting).strip());
            } catch (DateTimeParseException e) {
                throw bad(setting, "not an ISO-8601 duration such as PT1H or PT30S");
            }
        }

        int integer(Setting setting) {
            try {
                return Integer.parseInt(text(setting).strip());
            } catch (NumberFormatException e) {
                throw bad(setting, "not a whole number");
            }
        }

        int port(Setting setting) {
            int port = integer(setting);
            if (port < 0 || port > 65535) {
                throw bad(setting, "not a port number (0 to 65535)");
            }
            return port;
        }

        double ratio(Setting setting) {
            double ratio;
            try {
                ratio = Double.parseDouble(text(setting).strip());
            } catch (NumberFormatException e) {
                throw bad(setting, "not a number");
            }
            if (!(ratio >= 0 && ratio <= 1)) {
                throw bad(setting, "must be between 0 and 1");
            }
            return ratio;
        }
    }
}
