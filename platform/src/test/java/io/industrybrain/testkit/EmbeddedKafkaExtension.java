package io.industrybrain.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.industrybrain.cluster.EmbeddedKafkaCluster;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.registry.SchemaRegistryServer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.topics.TopicNames;
import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka broker for every integration test of a test run (one JVM), started the first
 * time a test class needs it and shut down when the run ends, and the project's schema registry on
 * it, started the first time a test asks for {@link #schemaRegistryUrl()}. Register it in each IT class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
 * }</pre>
 *
 * The broker is shared, so tests keep apart by name: each makes its topics (and consumer groups,
 * transactional ids) with {@link #uniqueName(String)}.
 *
 * <p>{@code new EmbeddedKafkaExtension(3)} gives a three-node cluster instead (replication factor 3,
 * min ISR 2), shared the same way by the classes that ask for three nodes, for tests that stop and
 * start a broker ({@link #cluster()}): they must leave every node running when they end.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final AtomicInteger NAME_SEQUENCE = new AtomicInteger();

    private final int nodes;
    private SharedBroker broker;

    /** The single shared broker. */
    public EmbeddedKafkaExtension() {
        this(1);
    }

    /** The shared cluster of {@code nodes} nodes. */
    public EmbeddedKafkaExtension(int nodes) {
        this.nodes = nodes;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives as long as the test run and closes what it holds when the run ends.
        broker = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class.getName() + "/" + nodes, key -> SharedBroker.start(nodes), SharedBroker.class);
    }

    /** The shared cluster itself, to stop and start its nodes. */
    public EmbeddedKafkaCluster cluster() {
        return running().cluster;
    }

    public String bootstrapServers() {
        return running().cluster.bootstrapServers();
    }

    /** The shared schema registry (topic {@code _schemas} on the shared broker), started on first use. */
    public String schemaRegistryUrl() {
        return running().registry().url();
    }

    /** A caching client of the shared schema registry, as the app and producers use it. */
    public SchemaRegistryClient registryClient() {
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(schemaRegistryUrl()));
    }

    /** An admin client on the shared broker; the extension closes it, callers must not. */
    public Admin admin() {
        return running().admin;
    }

    /** {@code base} followed by a number no other call in this JVM returns, e.g. {@code telemetry-7}. */
    public String uniqueName(String base) {
        return base + "-" + NAME_SEQUENCE.incrementAndGet();
    }

    /** Creates a topic with cleanup policy delete (a no-op when it exists). */
    public void createTopic(String name, int partitions) {
        TopicCreator.ensureTopics(admin(), List.of(new TopicSpec(name, false)), partitions);
    }

    /** {@link KafkaRecords#produce} on the shared broker. */
    public <K, V> List<RecordMetadata> produce(Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                               List<ProducerRecord<K, V>> records) {
        return KafkaRecords.produce(bootstrapServers(), keySerializer, valueSerializer, records);
    }

    /** {@link KafkaRecords#consume} on the shared broker: at least {@code count} records of {@code topic}, read_committed. */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Deserializer<K> keyDeserializer,
                                                     Deserializer<V> valueDeserializer, Duration timeout) {
        return KafkaRecords.consume(bootstrapServers(), topic, count, keyDeserializer, valueDeserializer, timeout);
    }

    private SharedBroker running() {
        if (broker == null) {
            throw new IllegalStateException("The embedded Kafka broker is not started: register "
                    + EmbeddedKafkaExtension.class.getSimpleName() + " with @RegisterExtension on a static field");
        }
        return broker;
    }

    /** The broker, its admin client and its temporary log dir, closed together at the end of the run. */
    private static final class SharedBroker implements AutoCloseable {

        private final Path logDir;
        private final EmbeddedKafkaCluster cluster;
        private final Admin admin;
        private SchemaRegistryServer registry;

        private SharedBroker(Path logDir, EmbeddedKafkaCluster cluster, Admin admin) {
            this.logDir = logDir;
            this.cluster = cluster;
            this.admin = admin;
        }

        static SharedBroker start(int nodes) {
            try {
                Path logDir = Files.createTempDirectory("industrybrain-kafka-");
                EmbeddedKafkaCluster cluster = nodes == 1 ? new EmbeddedKafkaCluster(logDir, 0) : EmbeddedKafkaCluster.ofNodes(logDir, nodes);
                cluster.start();
                Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
                return new SharedBroker(logDir, cluster, admin);
            } catch (IOException e) {
                throw new IllegalStateException("Could not make a log dir for the embedded Kafka broker", e);
            }
        }

        synchronized SchemaRegistryServer registry() {
            if (registry == null) {
                registry = new SchemaRegistryServer(cluster.bootstrapServers(), new TopicNames("").schemas(), 0);
                registry.start();
            }
            return registry;
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                if (registry != null) {
                    registry.close();
                }
            }
            admin.close();
            cluster.close();
            Utils.delete(logDir.toFile());
        }
    }
}
