package io.industrybrain.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.topics.TopicNames;
import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCreatorIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    @Test
    void createsMissingTopicsWithThePartitionsAndCleanupPolicyAsked() throws Exception {
        String events = kafka.uniqueName("events");
        String reference = kafka.uniqueName("reference");

        TopicCreator.ensureTopics(kafka.admin(), List.of(new TopicSpec(events, false), new TopicSpec(reference, true)), 3);

        assertEquals(Map.of(events, "3 partitions x 1 replicas", reference, "3 partitions x 1 replicas"),
                layout(List.of(events, reference)));
        assertEquals(Map.of(events, "delete", reference, "compact"), configs(List.of(events, reference), "cleanup.policy"));
    }

    @Test
    void leavesExistingTopicsAloneOnASecondCall() throws Exception {
        String events = kafka.uniqueName("events");
        String added = kafka.uniqueName("added");
        TopicCreator.ensureTopics(kafka.admin(), List.of(new TopicSpec(events, false)), 2);

        TopicCreator.ensureTopics(kafka.admin(), List.of(new TopicSpec(events, true), new TopicSpec(added, true)), 4);

        assertEquals(Map.of(events, "2 partitions x 1 replicas", added, "4 partitions x 1 replicas"),
                layout(List.of(events, added)));
        assertEquals(Map.of(events, "delete", added, "compact"), configs(List.of(events, added), "cleanup.policy"));
    }

    @Test
    void maxPartitionsIsTheWidestTopic() {
        String narrow = kafka.uniqueName("narrow");
        String wide = kafka.uniqueName("wide");
        TopicCreator.ensureTopics(kafka.admin(), List.of(new TopicSpec(narrow, false)), 2);
        TopicCreator.ensureTopics(kafka.admin(), List.of(new TopicSpec(wide, false)), 5);

        assertEquals(5, TopicCreator.maxPartitions(kafka.admin(), List.of(narrow, wide)));
    }

    @Test
    void toleratesAnotherCreatorWinningTheRace() throws Exception {
        String contested = kafka.uniqueName("contested");
        try (Admin rival = new RivalCreatesFirst(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicCreator.ensureTopics(rival, List.of(new TopicSpec(contested, false)), 2);
        }

        assertEquals(Map.of(contested, "2 partitions x 1 replicas"), layout(List.of(contested)));
    }

    @Test
    void createsEveryTopicOfTheProductUnderItsPrefix() throws Exception {
        String prefix = kafka.uniqueName("tenant") + ".";

        TopicCreator.ensureTopics(kafka.admin(), new TopicNames(prefix).all(), 2);

        Set<String> created = kafka.admin().listTopics().names().get().stream()
                .filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
        Set<String> compacted = configs(created, "cleanup.policy").entrySet().stream()
                .filter(policy -> policy.getValue().equals("compact")).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(Set.of("brain.enterprises", "brain.telemetry", "brain.production", "brain.shifts",
                        "brain.processes", "brain.targets", "brain.metrics", "brain.metrics.final", "brain.metrics.periods", "brain.dlq",
                        "brain.mqtt.dlq", "brain.outcomes"),
                withoutPrefix(created, prefix));
        assertEquals(Set.of("brain.enterprises", "brain.targets", "brain.metrics.periods", "brain.outcomes"), withoutPrefix(compacted, prefix));
        // the finals are kept 400 days, the period records for good, in day-long segments that compaction can clean
        assertEquals(Map.of(prefix + "brain.metrics.final", String.valueOf(400L * 24 * 3_600_000)),
                configs(List.of(prefix + "brain.metrics.final"), "retention.ms"));
        assertEquals(Map.of(prefix + "brain.metrics.periods", String.valueOf(24L * 3_600_000)),
                configs(List.of(prefix + "brain.metrics.periods"), "segment.ms"));
        // the outcome ledger keeps its one partition, and compaction leaves its last hour alone
        String ledger = prefix + "brain.outcomes";
        assertEquals(Map.of(ledger, "1 partitions x 1 replicas", prefix + "brain.telemetry", "2 partitions x 1 replicas"),
                layout(List.of(ledger, prefix + "brain.telemetry")));
        assertEquals(Map.of(ledger, "3600000"), configs(List.of(ledger), "min.compaction.lag.ms"));
    }

    private static Map<String, String> layout(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<String, TopicDescription> descriptions = kafka.admin().describeTopics(topics).allTopicNames().get();
        return descriptions.values().stream().collect(Collectors.toMap(TopicDescription::name,
                d -> d.partitions().size() + " partitions x " + d.partitions().get(0).replicas().size() + " replicas"));
    }

    private static Map<String, String> configs(Collection<String> topics, String config) throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        return kafka.admin().describeConfigs(resources).all().get().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(),
                        entry -> entry.getValue().get(config).value()));
    }

    private static Set<String> withoutPrefix(Set<String> names, String prefix) {
        return names.stream().map(name -> name.substring(prefix.length())).collect(Collectors.toSet());
    }

    /** An admin client whose topics another creator makes between its listing and its creating them. */
    private static final class RivalCreatesFirst extends ForwardingAdmin {

        RivalCreatesFirst(Map<String, Object> config) {
            super(config);
        }

        @Override
        public CreateTopicsResult createTopics(Collection<NewTopic> topics, CreateTopicsOptions options) {
            try {
                super.createTopics(topics, options).all().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("The rival could not create " + topics, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return super.createTopics(topics, options);
        }
    }
}
