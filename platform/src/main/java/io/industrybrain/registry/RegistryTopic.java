package io.industrybrain.registry;

import java.util.List;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;

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
    static void ensure(Admin admin, String topic) {
        TopicCreator.ensureTopics(admin, List.of(new TopicSpec(topic, true)), 1);
        try {
            TopicDescription description = TopicCreator.describe(admin, List.of(topic)).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema registry topic '" + topic + "' has "
                        + description.partitions().size() + " partitions; it needs exactly one for a total order");
            }
        } catch (KafkaException failed) {
            throw new IllegalStateException("Cannot describe schema registry topic '" + topic + "': " + failed.getCause(), failed);
        }
    }
}
