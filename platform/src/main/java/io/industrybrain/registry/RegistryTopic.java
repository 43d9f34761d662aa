package io.industrybrain.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Makes sure the registry's topic exists as the registry needs it: compacted, and one partition, since
 * the registry relies on one total order of its records. A topic made by hand with more partitions is
 * refused rather than changed: changing a live topic is an operator's decision.
 */
final class RegistryTopic {

    private RegistryTopic() { }

    /**
     * Creates the topic when missing ({@link TopicCreator}: compacted, replication min(3, brokers)) and
     * refuses one with more than one partition. Two instances creating it at once is fine.
     */
    static void ensure(Admin admin, String topic, Duration timeout) {
        TopicCreator.ensureTopics(admin, List.of(new TopicSpec(topic, true)), 1);
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema registry topic '" + topic + "' has "
                        + description.partitions().size() + " partitions; it needs exactly one for a total order");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic '" + topic + "'", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Cannot describe schema registry topic '" + topic + "': " + failed, failed);
        }
    }
}
