package io.industrybrain.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The family of settings that are Kafka's own: {@code kafka.<name>} reaches every Kafka client the product makes
 * (Kafka Streams and its clients, the metrics view, the registry's storage, the simulator, the commands), each client
 * getting the ones it knows; {@code kafka.streams.<name>} reaches Kafka Streams alone, with Streams' own prefixes
 * ({@code kafka.streams.producer.linger.ms}) for one kind of its clients. A name Kafka does not know, or one the product
 * sets itself, stops start-up with one line: a client setting silently ignored, or silently overriding what exactly-once
 * rests on, would be found only in production.
 */
final class KafkaPassThrough {

    static final String PREFIX = "kafka.";
    static final String STREAMS_PREFIX = "kafka.streams.";

    /** Kafka Streams' prefixes for the settings of one kind of its clients, with the settings that kind knows. */
    private static final Map<String, ConfigDef> STREAMS_CLIENT_PREFIXES = Map.of(
            StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configDef(),
            StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configDef(),
            StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configDef(),
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configDef(),
            StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configDef(),
            StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configDef());

    /**
     * Client settings the product sets on its clients itself, with what to do instead. They are what its promises rest
     * on (exactly-once, no record lost or doubled, each client named), or they have a setting of the product's own.
     */
    private static final Map<String, String> OWNED_BY_EVERY_CLIENT = Map.ofEntries(
            Map.entry("bootstrap.servers", "use bootstrap.servers instead"),
            Map.entry("client.id", "industry brain names each of its clients; kafka.streams.client.id names Kafka Streams' ones"),
            Map.entry("group.id", "use application.id instead"),
            Map.entry("group.instance.id", "industry brain's consumers are not one group member"),
            Map.entry("transactional.id", "Kafka Streams sets it under processing.guarantee=exactly_once_v2"),
            Map.entry("enable.idempotence", "its producers need idempotence with acks=all, so that no retry loses or doubles a record"),
            Map.entry("acks", "its producers need acks=all with idempotence, so that no retry loses or doubles a record"),
            Map.entry("isolation.level", "its consumers read committed records only; use processing.guarantee for what Streams writes"),
            Map.entry("enable.auto.commit", "Kafka Streams commits its own progress, the other consumers keep none"),
            Map.entry("auto.offset.reset", "each consumer starts where its work needs"),
            Map.entry("key.serializer", "each client's serializers are the product's"),
            Map.entry("value.serializer", "each client's serializers are the product's"),
            Map.entry("key.deserializer", "each client's deserializers are the product's"),
            Map.entry("value.deserializer", "each client's deserializers are the product's"));

    /** Kafka Streams settings the product sets itself: those with a setting of its own, and those the topologies rely on. */
    private static final Map<String, String> OWNED_BY_STREAMS = streamsOwned();

    private static final Map<String, ConfigDef> CLIENT_DEFS = Map.of("producer", ProducerConfig.configDef(),
            "consumer", ConsumerConfig.configDef(), "admin", AdminClientConfig.configDef());

    /** Every name of the family, by its environment variable: the names' own dots and underscores both become '_'. */
    private static final Map<String, String> BY_ENVIRONMENT_VARIABLE = allNames().stream()
            .collect(Collectors.toMap(KafkaPassThrough::environmentVariable, Function.identity()));

    private KafkaPassThrough() { }

    static boolean isPassThrough(String key) {
        return key.startsWith(PREFIX);
    }

    /** The name of the family that {@code BRAIN_KAFKA_...} stands for. */
    static Optional<String> byEnvironmentVariable(String variable) {
        return Optional.ofNullable(BY_ENVIRONMENT_VARIABLE.get(variable));
    }

    static String environmentVariable(String key) {
        return "BRAIN_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Checks a name of the family and its value as Kafka will read it.
     *
     * @return what is wrong, or empty
     */
    static Optional<Parse.Problem> problem(String key, String value) {
        boolean streams = key.startsWith(STREAMS_PREFIX);
        String name = key.substring((streams ? STREAMS_PREFIX : PREFIX).length());
        String owned = streams ? ownedByStreams(name) : OWNED_BY_EVERY_CLIENT.getOrDefault(name, OWNED_BY_STREAMS.get(name));
        if (owned != null) {
            return Optional.of(new Parse.Problem("set by industry brain itself: " + owned, false));
        }
        Optional<ConfigDef.ConfigKey> definition = streams ? streamsDefinition(name) : clientDefinition(name);
        if (definition.isEmpty()) {
            boolean streamsOnly = !streams && StreamsConfig.configDef().configKeys().containsKey(name);
            return Optional.of(new Parse.Problem(streams ? "not a Kafka Streams setting"
                    : streamsOnly ? "a Kafka Streams setting: give it as " + STREAMS_PREFIX + name : "not a Kafka client setting", false));
        }
        try {
            ConfigDef.ConfigKey setting = definition.get();
            Object parsed = ConfigDef.parseType(setting.name, value, setting.type);
            if (setting.validator != null) {
                setting.validator.ensureValid(setting.name, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            // Kafka's message repeats the value: fine for a timeout, not for anything that may be a secret.
            return Optional.of(new Parse.Problem("not a valid value for Kafka's " + name + " (" + definition.get().type.name()
                    .toLowerCase(Locale.ROOT) + (definition.get().validator == null ? "" : ", " + definition.get().validator) + ")"));
        }
    }

    private static String ownedByStreams(String name) {
        String owned = OWNED_BY_STREAMS.get(name);
        if (owned != null) {
            return owned;
        }
        return STREAMS_CLIENT_PREFIXES.keySet().stream().filter(name::startsWith).findFirst()
                .map(prefix -> OWNED_BY_EVERY_CLIENT.get(name.substring(prefix.length()))).orElse(null);
    }

    private static Optional<ConfigDef.ConfigKey> clientDefinition(String name) {
        return CLIENT_DEFS.values().stream().map(def -> def.configKeys().get(name)).filter(k -> k != null).findFirst();
    }

    private static Optional<ConfigDef.ConfigKey> streamsDefinition(String name) {
        ConfigDef.ConfigKey own = StreamsConfig.configDef().configKeys().get(name);
        if (own != null) {
            return Optional.of(own);
        }
        return STREAMS_CLIENT_PREFIXES.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                .map(e -> e.getValue().configKeys().get(name.substring(e.getKey().length()))).filter(k -> k != null).findFirst();
    }

    private static Map<String, String> streamsOwned() {
        Map<String, String> owned = new HashMap<>(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "use bootstrap.servers instead",
                StreamsConfig.APPLICATION_ID_CONFIG, "use application.id instead",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "use processing.guarantee instead",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "use stream.threads instead",
                StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "use standby.replicas instead",
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "use commit.interval instead",
                StreamsConfig.STATE_DIR_CONFIG, "use data.dir instead"));
        BrainTopologies.streamsProperties().keySet().forEach(name -> owned.put(name, "the topologies rely on it"));
        return Map.copyOf(owned);
    }

    private static Set<String> allNames() {
        Set<String> names = new HashSet<>();
        CLIENT_DEFS.values().forEach(def -> def.names().forEach(name -> names.add(PREFIX + name)));
        StreamsConfig.configDef().names().forEach(name -> names.add(STREAMS_PREFIX + name));
        STREAMS_CLIENT_PREFIXES.forEach((prefix, def) -> def.names().forEach(name -> names.add(STREAMS_PREFIX + prefix + name)));
        return names;
    }
}
