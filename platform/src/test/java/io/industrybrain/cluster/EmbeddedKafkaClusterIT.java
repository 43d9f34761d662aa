package io.industrybrain.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames.TopicSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaClusterIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final StringSerializer STRINGS = new StringSerializer();
    private static final StringDeserializer READ_STRINGS = new StringDeserializer();

    @Test
    void roundTripsRecordsThroughTheBroker() {
        String topic = kafka.uniqueName("round-trip");
        kafka.createTopic(topic, 1);

        List<RecordMetadata> written = kafka.produce(STRINGS, STRINGS, List.of(
                new ProducerRecord<>(topic, "device-1", "RUNNING"),
                new ProducerRecord<>(topic, "device-2", "IDLE")));
        List<ConsumerRecord<String, String>> read = kafka.consume(topic, 2, READ_STRINGS, READ_STRINGS, TIMEOUT);

        assertTrue(kafka.bootstrapServers().matches("localhost:\\d+"), kafka.bootstrapServers());
        assertEquals(List.of(0L, 1L), written.stream().map(RecordMetadata::offset).toList());
        assertEquals(List.of("device-1=RUNNING", "device-2=IDLE"),
                read.stream().map(r -> r.key() + "=" + r.value()).toList());
    }

    @Test
    void keepsTheBrokersInfoChatterOffTheConsole() {
        // The shared broker has started, so its loggers exist or take their level from the setting now.
        assertFalse(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController").isInfoEnabled());
        assertTrue(LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController").isWarnEnabled());
    }

    @Test
    void commitsTransactionsAndHidesAbortedOnes() throws Exception {
        String topic = kafka.uniqueName("transactions");
        kafka.createTopic(topic, 1);
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueName("tx"),
                // Without a transaction state topic the broker can make, initTransactions would block this long.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, STRINGS, STRINGS)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "batch", "a"));
            producer.send(new ProducerRecord<>(topic, "batch", "b"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "batch", "x"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "batch", "c"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> read = kafka.consume(topic, 3, READ_STRINGS, READ_STRINGS, TIMEOUT);
        assertEquals(List.of("a", "b", "c"), read.stream().map(ConsumerRecord::value).toList());
        // a, b, commit marker, x, abort marker, c, commit marker: x was written and then aborted.
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = kafka.admin().listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition).get().offset();
        assertEquals(7L, end);
        assertEquals(5L, read.get(2).offset());
    }

    @Test
    void runsTransactionsVersionOneSoThatRetriedFirstBatchesLogNoErrors() throws Exception {
        assertEquals((short) 1, kafka.admin().describeFeatures().featureMetadata().get()
                .finalizedFeatures().get("transaction.version").maxVersionLevel());
    }

    @Test
    void restartOnTheSameLogDirKeepsRecordsAndCommittedOffsets(@TempDir Path logDir) throws Exception {
        String topic = "restart";
        String group = "restart-readers";
        TopicPartition partition = new TopicPartition(topic, 0);
        String clusterId;

        EmbeddedKafkaCluster first = new EmbeddedKafkaCluster(logDir, 0);
        try {
            first.start();
            try (Admin admin = admin(first)) {
                TopicCreator.ensureTopics(admin, List.of(new TopicSpec(topic, false)), 1);
                clusterId = admin.describeCluster().clusterId().get();
            }
            KafkaRecords.produce(first.bootstrapServers(), STRINGS, STRINGS,
                    List.of(new ProducerRecord<>(topic, "E1", "Hangzhou")));
            assertEquals(List.of("Hangzhou"), readAndCommit(first, topic, group));
        } finally {
            first.close();
        }
        first.close();

        try (EmbeddedKafkaCluster second = new EmbeddedKafkaCluster(logDir, 0)) {
            second.start();
            try (Admin admin = admin(second)) {
                assertEquals(clusterId, admin.describeCluster().clusterId().get());
                Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
                // The group read the one record, so it resumes after it.
                assertEquals(Map.of(partition, 1L), committed);
            }
            List<ConsumerRecord<String, String>> kept = KafkaRecords.consume(
                    second.bootstrapServers(), topic, 1, READ_STRINGS, READ_STRINGS, TIMEOUT);
            assertEquals(List.of("E1=Hangzhou"), kept.stream().map(r -> r.key() + "=" + r.value()).toList());
        }
    }

    @Test
    void threeNodesKeepAcceptingWritesWhileThePartitionLeaderIsDown(@TempDir Path dir) throws Exception {
        String topic = "replicated";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.ofNodes(dir, 3)) {
            cluster.start();
            Admin admin = admin(cluster);
            assertEquals(3, cluster.bootstrapServers().split(",").length, cluster.bootstrapServers());
            TopicCreator.ensureTopics(admin, List.of(new TopicSpec(topic, false)), 1);
            TopicPartitionInfo before = partitionInfo(admin, topic);
            assertEquals(3, before.replicas().size());
            assertEquals("2", admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic))).all().get()
                    .values().iterator().next().get("min.insync.replicas").value());

            int leader = before.leader().id();
            cluster.stopNode(leader);
            // acks=all: two of three replicas in sync are enough for min ISR 2
            KafkaRecords.produce(cluster.bootstrapServers(), STRINGS, STRINGS, List.of(new ProducerRecord<>(topic, "E1", "while down")));
            await().alias("a new leader for " + partition).atMost(TIMEOUT).until(() -> {
                TopicPartitionInfo now = partitionInfo(admin, topic);
                return now.leader() != null && now.leader().id() != leader && now.isr().size() == 2;
            });

            cluster.startNode(leader);
            await().alias("node " + leader + " back in sync").atMost(TIMEOUT).until(() -> partitionInfo(admin, topic).isr().size() == 3);
            List<ConsumerRecord<String, String>> read = KafkaRecords.consume(cluster.bootstrapServers(), topic, 1, READ_STRINGS, READ_STRINGS, TIMEOUT);
            assertEquals(List.of("E1=while down"), read.stream().map(r -> r.key() + "=" + r.value()).toList());
            assertTrue(Files.exists(dir.resolve("node-" + leader).resolve("meta.properties")));
            admin.close();
        }
    }

    private static TopicPartitionInfo partitionInfo(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0);
    }

    @Test
    void refusesAPortThatIsInUse(@TempDir Path logDir) throws IOException {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("localhost", 0));
            int port = squatter.getLocalPort();

            try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(logDir, port)) {
                PortInUseException failure = assertThrows(PortInUseException.class, cluster::start);

                assertEquals(port, failure.port());
                assertTrue(failure.getMessage().contains("port " + port + " on localhost is already in use"),
                        failure.getMessage());
            }
            assertFalse(Files.exists(logDir.resolve("meta.properties")), "nothing formatted for a broker that never ran");
        }
    }

    private static Admin admin(EmbeddedKafkaCluster cluster) {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    /** Reads the topic as a member of {@code group} and commits what it read. */
    private static List<String> readAndCommit(EmbeddedKafkaCluster cluster, String topic, String group) {
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, READ_STRINGS, READ_STRINGS)) {
            consumer.subscribe(List.of(topic));
            await().alias("group " + group + " reads the record").atMost(TIMEOUT)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
                        return !values.isEmpty();
                    });
            consumer.commitSync();
        }
        return values;
    }
}
