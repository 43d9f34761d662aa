package io.industrybrain.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the registry's topic exists as the registry needs it: compacted, and one partition, since
 * the registry relies on one total order of its records.
 */
final class RegistryTopic {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTopic.class);

    private RegistryTopic() { }

    /**
     * Creates the topic when missing (replication min(3, brokers)); refuses a topic with more than one
     * partition. Two instances creating it at once is fine: one wins, the other finds it.
     */
    static void ensure(Admin admin, String topic, Duration timeout) {
        try {
            if (!admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                create(admin, topic, timeout);
            }
            TopicDescription description = describe(admin, topic, timeout);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema registry topic '" + topic + "' has "
                        + description.partitions().size() + " partitions; it needs exactly one for a total order");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic '" + topic + "'", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Cannot prepare schema registry topic '" + topic + "': " + failed, failed);
        }
    }

    /** Describes the topic, waiting while a topic just created is not yet known to the broker asked. */
    private static TopicDescription describe(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException failed) {
                if (!(failed.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw failed;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void create(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        NewTopic newTopic = new NewTopic(topic, 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created schema registry topic '{}' (compacted, 1 partition, replication {})", topic, replication);
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof TopicExistsException)) {
                throw failed;
            }
        }
    }
}
