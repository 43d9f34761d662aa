package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.cluster.KafkaClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka.* family: layered like every setting, from files and _FILE variables too, checked by Kafka's own names. */
class KafkaClientSettingsLoadingTest {

    @TempDir
    Path dir;

    private static BrainSettings load(List<String> args, Map<String, String> env) {
        return SettingsLoader.load(args, env, List.of()).settings();
    }

    private static String failure(List<String> args, Map<String, String> env) {
        return assertThrows(SettingException.class, () -> load(args, env)).getMessage();
    }

    @Test
    void flagWinsOverEnvironmentOverSecretsFileOverConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("brain.properties"),
                "kafka.request.timeout.ms=1001\nkafka.metadata.max.age.ms=1002\nkafka.linger.ms=1003\nkafka.max.poll.records=1004\n");
        Path secrets = Files.writeString(dir.resolve("secrets.properties"),
                "kafka.request.timeout.ms=2001\nkafka.metadata.max.age.ms=2002\nkafka.linger.ms=2003\n");
        Map<String, String> env = Map.of("BRAIN_KAFKA_REQUEST_TIMEOUT_MS", "3001", "BRAIN_KAFKA_METADATA_MAX_AGE_MS", "3002");

        BrainSettings s = load(List.of("--config=" + config, "--secrets=" + secrets, "--kafka.request.timeout.ms=4001"), env);

        assertEquals(Map.of("request.timeout.ms", "4001", "metadata.max.age.ms", "3002", "linger.ms", "2003",
                "max.poll.records", "1004"), s.kafkaClients().all());
        assertEquals(Map.of(), s.kafkaStreams().all());
    }

    @Test
    void eachKindOfClientGetsTheSettingsItKnowsOverItsOwn() {
        KafkaClientSettings clients = load(List.of("--kafka.security.protocol=SASL_SSL", "--kafka.linger.ms=7",
                "--kafka.max.poll.records=9", "--bootstrap.servers=kafka:9092"), Map.of()).commandKafkaClients();

        assertEquals(Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SASL_SSL", "linger.ms", "7",
                "acks", "all"), clients.forProducer(Map.of("linger.ms", 20, "acks", "all")));
        assertEquals(Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SASL_SSL", "max.poll.records", "9"),
                clients.forConsumer(Map.of()));
        assertEquals(Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SASL_SSL"), clients.forAdmin(Map.of()));
    }

    @Test
    void streamsSettingsAreKeptApartByKafkaStreamsOwnNames() {
        BrainSettings s = load(List.of("--kafka.streams.client.id=plant-7", "--kafka.streams.producer.linger.ms=50"),
                Map.of("BRAIN_KAFKA_STREAMS_RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST", "3",
                        "BRAIN_KAFKA_STREAMS_TOPOLOGY_OPTIMIZATION", "all"));

        assertEquals(Map.of("client.id", "plant-7", "producer.linger.ms", "50", "rack.aware.assignment.non_overlap_cost", "3",
                "topology.optimization", "all"), s.kafkaStreams().all());
        assertEquals(Map.of(), s.kafkaClients().all());
    }

    @Test
    void aFileEnvironmentVariableGivesTheFilesContentWithoutItsLastNewline() throws IOException {
        Path jaas = Files.writeString(dir.resolve("jaas"), "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"brain\" password=\"s3cr3t\";\n");
        Path userInfo = Files.writeString(dir.resolve("user-info"), "brain:r3g1stry\n");

        BrainSettings s = load(List.of(), Map.of("BRAIN_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString(),
                "BRAIN_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_FILE", userInfo.toString()));

        assertEquals(Map.of("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"brain\" password=\"s3cr3t\";"), s.kafkaClients().all());
        assertEquals("RegistryAccess[basic auth [hidden], trust store the JDK's]", s.registryAccess().toString());
        // a name that is itself a setting is that setting, even when it ends with _FILE
        assertEquals(Map.of("sasl.oauthbearer.assertion.file", "/run/assertion"),
                load(List.of(), Map.of("BRAIN_KAFKA_SASL_OAUTHBEARER_ASSERTION_FILE", "/run/assertion")).kafkaClients().all());
    }

    @Test
    void anUnknownNameStopsStartUpWithOneLineNamingIt() {
        assertEquals("kafka.sasl.mechansim: not a Kafka client setting", failure(List.of("--kafka.sasl.mechansim=PLAIN"), Map.of()));
        assertEquals("kafka.streams.linger.ms: not a Kafka Streams setting", failure(List.of("--kafka.streams.linger.ms=5"), Map.of()));
        assertEquals("kafka.topology.optimization: a Kafka Streams setting: give it as kafka.streams.topology.optimization",
                failure(List.of("--kafka.topology.optimization=all"), Map.of()));
        assertEquals("BRAIN_KAFKA_SASL_MECHANSIM: unknown setting (environment variable); see ./brain --help",
                failure(List.of(), Map.of("BRAIN_KAFKA_SASL_MECHANSIM", "PLAIN")));
        assertEquals("BRAIN_KAFKA_SASL_MECHANSIM_FILE: names no setting (BRAIN_KAFKA_SASL_MECHANSIM is unknown); see ./brain --help",
                failure(List.of(), Map.of("BRAIN_KAFKA_SASL_MECHANSIM_FILE", "/run/x")));
        assertEquals("kafka.request.timeout.ms: not a valid value for Kafka's request.timeout.ms (int, [0,...]) ('-5' from flag"
                + " --kafka.request.timeout.ms)", failure(List.of("--kafka.request.timeout.ms=-5"), Map.of()));
        assertEquals("kafka.linger.ms: not a valid value for Kafka's linger.ms (long, [0,...]) ('soon' from flag --kafka.linger.ms)",
                failure(List.of("--kafka.linger.ms=soon"), Map.of()));
    }

    @Test
    void aSettingTheProductSetsItselfIsRefusedNamingWhatToUseInstead() {
        assertEquals("kafka.bootstrap.servers: set by industry brain itself: use bootstrap.servers instead",
                failure(List.of("--kafka.bootstrap.servers=k:9092"), Map.of()));
        assertEquals("kafka.streams.num.stream.threads: set by industry brain itself: use stream.threads instead",
                failure(List.of("--kafka.streams.num.stream.threads=2"), Map.of()));
        assertEquals("kafka.num.stream.threads: set by industry brain itself: use stream.threads instead",
                failure(List.of("--kafka.num.stream.threads=2"), Map.of()));
        assertEquals("kafka.streams.processing.guarantee: set by industry brain itself: use processing.guarantee instead",
                failure(List.of(), Map.of("BRAIN_KAFKA_STREAMS_PROCESSING_GUARANTEE", "at_least_once")));
        assertEquals("kafka.streams.application.id: set by industry brain itself: use application.id instead",
                failure(List.of("--kafka.streams.application.id=x"), Map.of()));
        assertEquals("kafka.streams.state.dir: set by industry brain itself: use data.dir instead",
                failure(List.of("--kafka.streams.state.dir=/tmp"), Map.of()));
        assertEquals("kafka.isolation.level: set by industry brain itself: its consumers read committed records only;"
                + " use processing.guarantee for what Streams writes", failure(List.of("--kafka.isolation.level=read_uncommitted"), Map.of()));
        assertEquals("kafka.streams.producer.transactional.id: set by industry brain itself: Kafka Streams sets it under"
                + " processing.guarantee=exactly_once_v2", failure(List.of("--kafka.streams.producer.transactional.id=t"), Map.of()));
        assertEquals("kafka.acks: set by industry brain itself: its producers need acks=all with idempotence, so that no retry"
                + " loses or doubles a record", failure(List.of("--kafka.acks=1"), Map.of()));
        assertEquals("kafka.client.id: set by industry brain itself: industry brain names each of its clients;"
                + " kafka.streams.client.id names Kafka Streams' ones", failure(List.of("--kafka.client.id=x"), Map.of()));
        assertEquals("kafka.streams.max.task.idle.ms: set by industry brain itself: the topologies rely on it",
                failure(List.of("--kafka.streams.max.task.idle.ms=0"), Map.of()));
        assertEquals("kafka.value.serializer: set by industry brain itself: each client's serializers are the product's",
                failure(List.of("--kafka.value.serializer=x"), Map.of()));
    }

    @Test
    void theRegistryUserInfoMustBeUserColonPasswordAndIsNeverRepeated() {
        assertEquals("schema.registry.basic.auth.user.info: must be user:password",
                failure(List.of("--schema.registry.basic.auth.user.info=justapassword"), Map.of()));
        assertEquals("schema.registry.ssl.truststore.location: cannot read the trust store " + dir.resolve("none.p12") + ": "
                        + dir.resolve("none.p12"),
                failure(List.of("--schema.registry.ssl.truststore.location=" + dir.resolve("none.p12"),
                        "--schema.registry.ssl.truststore.password=tr0st"), Map.of()));
    }
}
