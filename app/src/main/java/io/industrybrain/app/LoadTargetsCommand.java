package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryException;
import io.industrybrain.serde.SubjectNames;
import io.industrybrain.streams.topology.targets.TargetValidator;
import io.industrybrain.topics.TopicNames;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./brain targets load FILE}: publishes a plan-targets file ({@link TargetsFile}) to {@code brain.targets},
 * each target under {@code scope:scopeId:metric}, values in the Confluent wire format (subject
 * {@code brain.targets-value}), and says how many it published. Against the embedded default it talks to the
 * broker and registry of a running {@code ./brain} on {@code broker.port} and {@code registry.port}; the topic is
 * created (compacted) if it is missing. The file is checked whole first, so a bad file publishes nothing.
 */
final class LoadTargetsCommand {

    static final String USAGE = "usage: ./brain targets load FILE";

    private LoadTargetsCommand() { }

    static int run(BrainSettings settings, List<String> arguments, PrintStream out) {
        if (arguments.size() != 3 || !arguments.get(1).equals("load")) {
            throw new SettingException("targets", USAGE);
        }
        Path file = Path.of(arguments.get(2));
        List<MetricTarget> targets = TargetsFile.read(file);
        KafkaClientSettings clients = settings.commandKafkaClients();
        String registryUrl = settings.commandRegistryUrl();
        TopicNames topics = settings.topics();
        BrainApp.requireReachable(clients);
        SchemaRegistryClient registry = new CachedSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl, settings.registryAccess()));
        try {
            registry.register(SubjectNames.forTopic(topics.targets(), false), MetricTarget.getClassSchema());
        } catch (SchemaRegistryException e) {
            throw new SettingException(Setting.SCHEMA_REGISTRY_URL.key(), "cannot register the MetricTarget schema at " + registryUrl
                    + ": " + e.getMessage());
        }
        try (Admin admin = Admin.create(clients.forAdmin(Map.of()))) {
            TopicCreator.ensureTopics(admin, List.of(new TopicNames.TopicSpec(topics.targets(), true)), settings.topology().partitions());
        }
        publish(clients, registry, topics.targets(), targets);
        out.println("loaded " + targets.size() + " target" + (targets.size() == 1 ? "" : "s") + " from " + file + " to "
                + topics.targets());
        return Brain.EXIT_OK;
    }

    /** Publishes targets with the project's serializer, keyed scope:scopeId:metric, and waits for every ack. */
    static void publish(KafkaClientSettings clients, SchemaRegistryClient registry, String topic, List<MetricTarget> targets) {
        Map<String, Object> config = clients.forProducer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try (KafkaProducer<String, MetricTarget> producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(registry, false))) {
            List<Future<?>> sent = new ArrayList<>();
            for (MetricTarget target : targets) {
                sent.add(producer.send(new ProducerRecord<>(topic, TargetValidator.keyOf(target), target)));
            }
            for (Future<?> ack : sent) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new SettingException(Setting.BOOTSTRAP_SERVERS.key(), "publishing to " + topic + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingException(Setting.BOOTSTRAP_SERVERS.key(), "interrupted while publishing to " + topic);
        }
    }
}
