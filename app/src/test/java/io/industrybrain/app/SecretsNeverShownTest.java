package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches a log line, an error or a {@code toString()}: the launcher is run with secrets given every way there
 * is, failing every way that repeats a setting, with everything the process prints captured and searched.
 */
class SecretsNeverShownTest {

    private static final List<String> SECRETS = List.of("s3cr3t-jaas", "r3g1stry-pw", "tr0st-pw", "f1le-secret", "k3y-pw");
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"brain\""
            + " password=\"s3cr3t-jaas\";";

    @TempDir
    Path dir;

    private final StringBuilder printed = new StringBuilder();

    /** Runs the launcher, keeping what it wrote and what was logged to stderr meanwhile. */
    private int brain(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        PrintStream systemOut = System.out;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            return Brain.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(systemErr);
            System.setOut(systemOut);
            printed.append(out.toString(StandardCharsets.UTF_8)).append(err.toString(StandardCharsets.UTF_8))
                    .append(logged.toString(StandardCharsets.UTF_8));
        }
    }

    private void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "'" + secret + "' shown in:\n" + text);
        }
    }

    @Test
    void aStartThatFailsOnTheClusterLogsAndSaysNoSecret() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path jaas = Files.writeString(dir.resolve("jaas"), JAAS + "\n");
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "schema.registry.basic.auth.user.info=brain:r3g1stry-pw\n"
                + "kafka.ssl.key.password=k3y-pw\n");

        int code = brain(Map.of("BRAIN_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString()), "--bootstrap.servers=localhost:" + closedPort,
                "--kafka.security.protocol=SASL_PLAINTEXT", "--kafka.sasl.mechanism=PLAIN", "--secrets=" + secrets,
                "--http.port=0", "--data.dir=" + dir.resolve("data"));

        assertEquals(Brain.EXIT_BAD_SETTING, code);
        assertTrue(printed.toString().contains("error: bootstrap.servers: no Kafka broker answered at localhost:" + closedPort), printed.toString());
        assertNoSecretIn(printed.toString());
    }

    @Test
    void refusedSettingsNeverRepeatASecretValue() throws IOException {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "partitions=f1le-secret\n");
        Path valueFile = Files.writeString(dir.resolve("value"), "f1le-secret\n");
        List<Integer> codes = new ArrayList<>();
        // misspelt names of secrets, with the secret as their value
        codes.add(brain(Map.of(), "--schema.registry.basic.auth.userinfo=brain:r3g1stry-pw"));
        codes.add(brain(Map.of(), "--kafka.sasl.jaas.confg=" + JAAS));
        codes.add(brain(Map.of("BRAIN_KAFKA_SASL_JASS_CONFIG", JAAS)));
        // malformed values of secrets, and any value from a secrets file or a _FILE variable
        codes.add(brain(Map.of(), "--schema.registry.basic.auth.user.info=r3g1stry-pw"));
        codes.add(brain(Map.of(), "--secrets=" + secrets));
        codes.add(brain(Map.of("BRAIN_WINDOW_FILE", valueFile.toString())));
        codes.add(brain(Map.of(), "--schema.registry.ssl.truststore.location=" + valueFile, "--schema.registry.ssl.truststore.password=tr0st-pw"));
        // a product-owned name given a secret
        codes.add(brain(Map.of(), "--kafka.sasl.jaas.config=" + JAAS, "--kafka.key.serializer=k3y-pw"));

        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2, 2), codes, printed.toString());
        assertEquals(8, printed.toString().lines().filter(line -> line.startsWith("error: ")).count(), printed.toString());
        assertNoSecretIn(printed.toString());
    }

    @Test
    void theLoadedSettingsPrintNoSecret() {
        BrainSettings settings = SettingsLoader.load(List.of("--kafka.sasl.jaas.config=" + JAAS, "--kafka.ssl.key.password=k3y-pw",
                "--kafka.streams.producer.ssl.truststore.password=tr0st-pw", "--schema.registry.basic.auth.user.info=brain:r3g1stry-pw",
                "--kafka.security.protocol=SASL_SSL"), Map.of(), List.of()).settings();

        String shown = settings.toString() + settings.commandKafkaClients() + settings.kafkaStreams();
        assertNoSecretIn(shown);
        assertTrue(shown.contains("sasl.jaas.config=[hidden]") && shown.contains("security.protocol=SASL_SSL")
                && shown.contains("producer.ssl.truststore.password=[hidden]"), shown);
    }
}
