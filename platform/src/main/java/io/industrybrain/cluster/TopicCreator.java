package io.industrybrain.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the product needs when they are missing. Topics that exist are left exactly
 * as they are (partitions, replication, configs): changing a live topic is an operator's decision.
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    /** Beyond three copies a record gains little safety and costs disk and network on every write. */
    private static final int MAX_REPLICATION_FACTOR = 3;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private TopicCreator() { }

    /**
     * Creates every topic of {@code specs} that does not exist yet, with {@code partitions}
     * partitions unless the spec names its own, replication factor min(3, live brokers),
     * {@code cleanup.policy=compact} for compacted ones and the spec's configs. Safe to call again and
     * concurrently with another creator.
     */
    public static void ensureTopics(Admin admin, List<TopicSpec> specs, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            Map<String, NewTopic> missing = new LinkedHashMap<>();
            short replicationFactor = 0;
            for (TopicSpec spec : specs) {
                if (existing.contains(spec.name()) || missing.containsKey(spec.name())) {
                    continue;
                }
                if (replicationFactor == 0) {
                    replicationFactor = replicationFactor(admin);
                }
                NewTopic topic = new NewTopic(spec.name(), spec.partitions() > 0 ? spec.partitions() : partitions, replicationFactor);
                Map<String, String> configs = new LinkedHashMap<>(spec.configs());
                if (spec.compacted()) {
                    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                topic.configs(configs);
                missing.put(spec.name(), topic);
            }
            if (missing.isEmpty()) {
                return;
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result
                    : admin.createTopics(missing.values()).values().entrySet()) {
                if (awaitCreated(result.getValue())) {
                    created.add(result.getKey() + " x" + missing.get(result.getKey()).numPartitions());
                }
            }
            if (!created.isEmpty()) {
                log.info("Created topics {} (x partitions), replication factor {}", created, replicationFactor);
            }
            describe(admin, missing.keySet());
        } catch (ExecutionException e) {
            throw new KafkaException("Could not list or create topics " + names(specs), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /** The topic's {@code max.message.bytes} as the broker applies it: the topic's own, or the broker's default. */
    public static int maxMessageBytes(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return Integer.parseInt(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        } catch (ExecutionException e) {
            throw new KafkaException("Could not describe the configuration of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /** The highest partition count among the topics: how many tasks a sub-topology reading them all has. */
    public static int maxPartitions(Admin admin, Collection<String> topics) {
        return describe(admin, topics).values().stream()
                .mapToInt(description -> description.partitions().size()).max().orElseThrow();
    }

    /**
     * The topics' descriptions, waiting out a topic just created elsewhere (see {@link #waitingOutNewTopics}).
     */
    public static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) {
        try {
            return waitingOutNewTopics(() -> admin.describeTopics(topics).allTopicNames(), METADATA_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not describe topics " + topics, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /**
     * The answer to an admin request about topics, asked again while the broker asked says a topic is unknown, for
     * at most {@code within}: the controller acknowledges a creation before every broker's metadata has it, and each
     * request may ask another broker, so one that answers does not mean the next will.
     */
    public static <T> T waitingOutNewTopics(Supplier<KafkaFuture<T>> request, Duration within)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return request.get().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** True when this call created the topic; false when another creator got there first. */
    private static boolean awaitCreated(KafkaFuture<Void> creation)
            throws ExecutionException, InterruptedException {
        try {
            creation.get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private static short replicationFactor(Admin admin) throws ExecutionException, InterruptedException {
        int brokers = admin.describeCluster().nodes().get().size();
        return (short) Math.max(1, Math.min(MAX_REPLICATION_FACTOR, brokers));
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }
}
