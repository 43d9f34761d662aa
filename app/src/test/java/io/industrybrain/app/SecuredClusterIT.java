package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.cluster.EmbeddedKafkaCluster;
import io.industrybrain.cluster.EmbeddedKafkaCluster.SaslSslListener;
import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.registry.SchemaRegistryServer;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.TestKeyStores;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app against a secured cluster, as the operations team runs theirs: a broker whose clients' listener is
 * SASL_SSL with SCRAM-SHA-512 and a certificate made for the test, the app given the credentials through a secrets
 * file and the trust store through {@code kafka.*} settings. With the right credentials it processes what arrives
 * (the project's registry stores its schemas over the same secured listener); with a wrong password it stops at once
 * with one line naming the setting and exit code 2, having created no topic and joined no group.
 */
class SecuredClusterIT {

    private static final String USER = "brain";
    private static final String PASSWORD = "s3cr3t-Scram-pw";
    private static final String STORE_PASSWORD = "st0re-pw-7";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaCluster cluster;
    private static SchemaRegistryServer registry;
    private static TestKeyStores certificates;

    @BeforeAll
    static void startTheSecuredCluster() throws Exception {
        certificates = TestKeyStores.forLocalhost(dir, "broker", STORE_PASSWORD);
        cluster = new EmbeddedKafkaCluster(dir.resolve("kafka"), 0)
                .withSaslSslListener(new SaslSslListener(certificates.keyStore(), STORE_PASSWORD));
        cluster.start();
        // users are SCRAM credentials in the cluster's metadata, made through the brokers' own plaintext listener
        try (Admin admin = plaintextAdmin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all().get();
        }
        registry = new SchemaRegistryServer(new KafkaClientSettings(secured(PASSWORD)), "_schemas", 0);
        registry.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void withTheRightCredentialsTheAppProcessesWhatArrives() throws Exception {
        TopicNames topics = new TopicNames("secured.");
        Path secrets = secretsFile("right.properties", PASSWORD);
        try (AppProcess app = new AppProcess("secured-app", dir.resolve("secured-app"), "512m", flags(topics, secrets))) {
            app.start();
            app.awaitHealthy(Duration.ofSeconds(120));

            AvroSerializer<SpecificRecordBase> values = new AvroSerializer<>(
                    new CachedSchemaRegistryClient(new RestSchemaRegistryClient(registry.url())), true);
            KafkaRecords.produce(cluster.bootstrapServers(), new StringSerializer(), values, referenceData(topics, 2));
            awaitEnterprisesKnown(app.url(), topics, 2);
            List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int device = 0; device < 10; device++) {
                MachineTelemetry sample = Events.sample(enterpriseId(device % 2) + "-D" + device, enterpriseId(device % 2), 1, minute);
                records.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
            }
            KafkaRecords.produce(cluster.bootstrapServers(), new StringSerializer(), values, records);

            await().alias("the app counts the ten samples it read over SASL_SSL").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> getJson(app.url() + "/api/outcomes").path("topics").path(topics.telemetry()).path("accepted").asLong() == 10);
        }
    }

    @Test
    void aWrongPasswordStopsStartUpWithOneLineAndWritesNothing() throws Exception {
        TopicNames topics = new TopicNames("refused.");
        Set<String> topicsBefore = topicNames();
        Set<String> groupsBefore = groupIds();
        List<String> lines;
        try (AppProcess app = new AppProcess("refused-app", dir.resolve("refused-app"), "256m",
                flags(topics, secretsFile("wrong.properties", "not-" + PASSWORD)))) {
            app.start();
            assertEquals(Brain.EXIT_BAD_SETTING, app.awaitExit(Duration.ofSeconds(60)), () -> String.join("\n", output(app)));
            lines = output(app);
        }

        // what the operator sees: the app's one line, last, after the Kafka client's own report of the refusal
        // (one ERROR and one WARN line of its logging, which the app cannot silence for this call alone); no stack trace
        String stderr = String.join("\n", lines);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("error: kafka.sasl.jaas.config: the Kafka cluster at " + cluster.saslSslBootstrapServers()
                + " refused the credentials: Authentication failed"), last);
        assertEquals(1, lines.stream().filter(line -> line.startsWith("error:")).count(), stderr);
        assertTrue(lines.size() <= 4, stderr);
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("\tat ")), stderr);
        assertFalse(stderr.contains(PASSWORD), "the password appears in: " + stderr);
        assertEquals(topicsBefore, topicNames(), "no topic created");
        assertEquals(groupsBefore, groupIds(), "no group joined");
    }

    private static List<String> output(AppProcess app) {
        try {
            return app.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> flags(TopicNames topics, Path secrets) {
        return List.of("--bootstrap.servers=" + cluster.saslSslBootstrapServers(), "--schema.registry.url=" + registry.url(),
                "--topic.prefix=" + topics.prefix(), "--partitions=2", "--simulator=off", "--secrets=" + secrets,
                "--kafka.security.protocol=SASL_SSL", "--kafka.sasl.mechanism=SCRAM-SHA-512",
                "--kafka.ssl.truststore.location=" + certificates.trustStore(), "--kafka.ssl.truststore.type=PKCS12");
    }

    /** What an operator keeps out of flags and environment listings: the JAAS line and the trust store's password. */
    private static Path secretsFile(String name, String password) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "kafka.sasl.jaas.config=" + jaas(password) + "\n"
                + "kafka.ssl.truststore.password=" + STORE_PASSWORD + "\n");
        return file;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\"" + password + "\";";
    }

    private static Map<String, Object> secured(String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.saslSslBootstrapServers());
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", jaas(password));
        settings.put("ssl.truststore.location", certificates.trustStore().toString());
        settings.put("ssl.truststore.password", STORE_PASSWORD);
        settings.put("ssl.truststore.type", "PKCS12");
        return settings;
    }

    private static Admin plaintextAdmin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static Set<String> topicNames() throws Exception {
        try (Admin admin = plaintextAdmin()) {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        }
    }

    private static Set<String> groupIds() throws Exception {
        try (Admin admin = plaintextAdmin()) {
            Set<String> ids = new TreeSet<>();
            admin.listGroups().all().get().forEach(group -> ids.add(group.groupId()));
            return ids;
        }
    }
}
