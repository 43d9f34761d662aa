package io.industrybrain.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every Kafka client the product makes reaches the cluster: {@code bootstrap.servers} and the operator's client
 * settings (security, timeouts, tuning), given once and handed to each client. A client's own settings come first and
 * the operator's win over them; the settings a client cannot do without (its serializers, {@code acks=all}, ...) are
 * never among the operator's, because the product refuses them when it reads its settings. Each kind of client is
 * given only the settings it knows, so that a consumer-only setting does not make every producer warn about it.
 */
public final class KafkaClientSettings {

    private final Map<String, Object> settings;

    /** @param settings client settings by Kafka's name, {@code bootstrap.servers} among them */
    public KafkaClientSettings(Map<String, ?> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** A cluster that needs nothing but its address: the embedded broker, a test's. */
    public static KafkaClientSettings bootstrapOnly(String bootstrapServers) {
        return new KafkaClientSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The same settings against another cluster address: the embedded broker's, known once it listens. */
    public KafkaClientSettings withBootstrapServers(String bootstrapServers) {
        Map<String, Object> changed = new HashMap<>(settings);
        changed.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaClientSettings(changed);
    }

    public String bootstrapServers() {
        return String.valueOf(settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    public Map<String, Object> forAdmin(Map<String, ?> own) {
        return over(own, AdminClientConfig.configNames());
    }

    public Map<String, Object> forProducer(Map<String, ?> own) {
        return over(own, ProducerConfig.configNames());
    }

    public Map<String, Object> forConsumer(Map<String, ?> own) {
        return over(own, ConsumerConfig.configNames());
    }

    /** Every setting, for Kafka Streams, which hands each of its clients the ones that client knows. */
    public Map<String, Object> all() {
        return settings;
    }

    private Map<String, Object> over(Map<String, ?> own, Set<String> known) {
        Map<String, Object> config = new HashMap<>(own);
        settings.forEach((name, value) -> {
            if (known.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }

    /** The settings with every secret-looking value masked: this is what may be logged. */
    @Override
    public String toString() {
        return settings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> SecretSettings.printable(e.getKey(), e.getValue()), (a, b) -> a, TreeMap::new)).toString();
    }
}
