package io.industrybrain.app;

import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the product: its name, how its text is read and checked, its default and its documentation.
 * The settings table of the README is this enum (a test holds them equal in full). The rules of the values the
 * topologies take (a window longer than zero, a ratio within [0, 1], ...) and their defaults are the topology's
 * own, in {@link TopologySettings} and {@link ProgressTimings}; here those settings are only read, never checked
 * a second time. A name is given as a flag ({@code --window=PT5M}), as an environment variable
 * ({@code BRAIN_WINDOW}), or as a key of the properties file ({@code window=PT5M}). Kafka's own client settings,
 * {@code kafka.*}, are a family of their own: {@link KafkaPassThrough}.
 */
public enum Setting {
    BOOTSTRAP_SERVERS("bootstrap.servers", Parse.OPTIONAL_TEXT, null,
            "Kafka cluster to use. Unset: start an embedded single-node KRaft broker on localhost:`broker.port`."),
    SCHEMA_REGISTRY_URL("schema.registry.url", Parse.REGISTRY_URLS, null,
            "Confluent-compatible schema registry. Unset: start the embedded registry on http://localhost:`registry.port`."),
    SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO("schema.registry.basic.auth.user.info", Parse.USER_INFO, null,
            "`user:password` sent to the registry as HTTP basic credentials (Confluent's `basic.auth.credentials.source=USER_INFO`)."
            + " A secret: give it with `--secrets=FILE` or `BRAIN_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_FILE`."),
    SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION("schema.registry.ssl.truststore.location", Parse.OPTIONAL_PATH, null,
            "Key store of the certificates an https registry is trusted by. Unset: the JDK's."),
    SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD("schema.registry.ssl.truststore.password", Parse.OPTIONAL_TEXT, null,
            "Password of that trust store, if it has one."),
    SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE("schema.registry.ssl.truststore.type", Parse.TEXT, "PKCS12",
            "Type of that trust store: `PKCS12` or `JKS`."),
    BROKER_PORT("broker.port", Parse.PORT, "9092", "Port of the embedded broker (0: any free port)."),
    REGISTRY_PORT("registry.port", Parse.PORT, "8081", "Port of the embedded schema registry (0: any free port)."),
    HTTP_PORT("http.port", Parse.PORT, "8080", "Port of `/metrics` (Prometheus), `/health` and the query API (0: any free port)."),
    HTTP_AUTH_TOKEN("http.auth.token", Parse.BEARER_TOKEN, null,
            "Token the query API (`/api/*`, the live page's data) asks for as `Authorization: Bearer <token>`, answering 401"
            + " without it; `/health`, `/metrics` and the page's own files stay open. At least 16 characters of"
            + " `A-Z a-z 0-9 - . _ ~ + /` (`openssl rand -base64 32`). Unset: no token asked."
            + " A secret: give it with `--secrets=FILE` or `BRAIN_HTTP_AUTH_TOKEN_FILE`."),
    HTTP_TLS_KEYSTORE_LOCATION("http.tls.keystore.location", Parse.OPTIONAL_PATH, null,
            "Key store of the certificate and private key `http.port` serves https with, and then only https. Unset: plain http."),
    HTTP_TLS_KEYSTORE_PASSWORD("http.tls.keystore.password", Parse.OPTIONAL_TEXT, null,
            "Password of that key store, and of its private key. A secret: give it with `--secrets=FILE` or"
            + " `BRAIN_HTTP_TLS_KEYSTORE_PASSWORD_FILE`."),
    HTTP_TLS_KEYSTORE_TYPE("http.tls.keystore.type", Parse.TEXT, "PKCS12", "Type of that key store: `PKCS12` or `JKS`."),
    WINDOW("window", Parse.DURATION, TopologySettings.DEFAULT_WINDOW.toString(),
            "Size of the tumbling event-time windows (ISO-8601 duration)."),
    GRACE("grace", Parse.DURATION, TopologySettings.DEFAULT_GRACE.toString(),
            "How long after a window's end late events are still counted (ISO-8601 duration)."),
    UPDATE_INTERVAL("update.interval", Parse.DURATION, TopologySettings.DEFAULT_UPDATE_INTERVAL.toString(),
            "How often changed windows are published to `brain.metrics` (ISO-8601 duration; PT0S: on every input record)."),
    WATERMARK_INTERVAL("watermark.interval", Parse.DURATION, ProgressTimings.DEFAULTS.markerInterval().toString(),
            "How often each intake task tells the window stage how far it has got in"
            + " event time (ISO-8601 duration); windows close on it."),
    INTAKE_IDLE_AFTER("intake.idle.after", Parse.DURATION, ProgressTimings.DEFAULTS.idleAfter().toString(),
            "How long an input partition must have been consumed to its end, admitting nothing, before it stops holding"
            + " back its intake task's event time, and a task whose partitions all have, before windows stop waiting for it"
            + " (ISO-8601 duration). A partition with input left always holds; a producer's skew between topics of up to"
            + " this long makes nothing LATE."),
    PERIOD_ZONE("period.zone", Parse.ZONE, TopologySettings.DEFAULT_PERIOD_ZONE.getId(),
            "Time zone whose calendar days, months, quarters and years the period records of `brain.metrics.periods` cover"
            + " (a region such as `Asia/Shanghai`, or an offset): keep it once the app has run."),
    METRICS_FINAL_RETENTION("metrics.final.retention", Parse.POSITIVE_DURATION,
            "P" + TopicNames.DEFAULT_FINAL_RETENTION.toDays() + "D",
            "How long `brain.metrics.final` keeps the window finals, set when the topic is created (ISO-8601 duration;"
            + " an existing topic keeps its own `retention.ms`)."),
    TOPIC_PREFIX("topic.prefix", Parse.TEXT, "", "Prefix of every topic name, e.g. `test.` for `test.brain.telemetry`."),
    PARTITIONS("partitions", Parse.INTEGER, Integer.toString(TopologySettings.DEFAULT_PARTITIONS),
            "Partitions of the topics created at start (existing topics are left alone) and of the"
            + " window stage, whose every partition a roll-up waits for: keep it once the app has run."),
    MIN_GROUP_SIZE("min.group.size", Parse.INTEGER, Integer.toString(TopologySettings.DEFAULT_MIN_GROUP_SIZE),
            "Roll-ups and percentiles drawn from fewer enterprises are suppressed."),
    SMART_FACTORY_MIN_NC_RATIO("smart.factory.min.nc.ratio", Parse.NUMBER, Double.toString(TopologySettings.DEFAULT_SMART_FACTORY_MIN_RATIO),
            "Minimum `ncRatio` of a smart factory."),
    SMART_FACTORY_MIN_CLOUD_RATIO("smart.factory.min.cloud.ratio", Parse.NUMBER, Double.toString(TopologySettings.DEFAULT_SMART_FACTORY_MIN_RATIO),
            "Minimum `deviceCloudRatio` of a smart factory."),
    SIMULATOR("simulator", Parse.ON_OFF, null, "`on` or `off`: run the simulated fleet in-process. Unset: on when embedded, off against a named cluster."),
    DATA_DIR("data.dir", Parse.PATH, "./data", "Where the embedded broker's log and the Streams state are kept between runs."),
    APPLICATION_ID("application.id", Parse.OPTIONAL_TEXT, null, "Kafka Streams application id: the consumer group and the prefix of every internal"
            + " topic; instances with the same id share the work. Unset: `<topic.prefix>industry-brain`."),
    PROCESSING_GUARANTEE("processing.guarantee", Parse.GUARANTEE, "exactly_once_v2", "`exactly_once_v2`, or `at_least_once` (faster; after a"
            + " crash some records are counted twice)."),
    COMMIT_INTERVAL("commit.interval", Parse.OPTIONAL_POSITIVE_DURATION, null, "How often Kafka Streams commits (ISO-8601 duration); under exactly-once,"
            + " results reach read_committed consumers only once committed. Unset: Kafka's default, 100 ms"
            + " exactly-once, 30 s at-least-once."),
    STREAM_THREADS("stream.threads", Parse.POSITIVE_INTEGER, "1", "Kafka Streams threads in this instance."),
    STANDBY_REPLICAS("standby.replicas", Parse.NON_NEGATIVE_INTEGER, "1",
            "Warm copies of each task's state that Kafka Streams keeps on other instances of the same application.id,"
            + " so that when an instance dies its tasks move to one that has their state instead of restoring it from"
            + " the changelogs. With a single instance there is nowhere to keep them and nothing is kept.");

    private final String key;
    private final Parse<?> parse;
    private final String defaultValue;
    private final String description;

    Setting(String key, Parse<?> parse, String defaultValue, String description) {
        this.key = key;
        this.parse = parse;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The typed value of a text; an {@link IllegalArgumentException} says what is wrong with it. */
    Object parse(String text) {
        return parse.parse(text);
    }

    /** The dotted name used in flags and files. */
    public String key() { return key; }

    /** {@code BRAIN_} + the name in upper snake case. */
    public String environmentVariable() {
        return "BRAIN_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public Optional<String> defaultValue() { return Optional.ofNullable(defaultValue); }

    public String description() { return description; }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static Optional<Setting> byEnvironmentVariable(String name) {
        return Arrays.stream(values()).filter(s -> s.environmentVariable().equals(name)).findFirst();
    }
}
