package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.app.query.OpenApiDocument;
import io.industrybrain.serde.TestKeyStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches a log line, an error or a {@code toString()}: the launcher is run with secrets given every way there
 * is, failing every way that repeats a setting, with everything the process prints captured and searched.
 */
class SecretsNeverShownTest {

    private static final String TOKEN = "t0ken-s3cret-of-the-api";
    private static final String WRONG_TOKEN = "wr0ng-t0ken-presented";
    private static final List<String> SECRETS = List.of("s3cr3t-jaas", "r3g1stry-pw", "tr0st-pw", "f1le-secret", "k3y-pw", "k3ystore-pw",
            TOKEN, WRONG_TOKEN, "sh0rt-t0k");
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"brain\""
            + " password=\"s3cr3t-jaas\";";

    @TempDir
    Path dir;

    private final StringBuilder printed = new StringBuilder();

    /** Something run while the process's output is kept. */
    @FunctionalInterface
    private interface Watched<T> {
        T run() throws Exception;
    }

    /** Runs {@code watched}, keeping what was logged to stdout and stderr meanwhile. */
    private <T> T logging(Watched<T> watched) throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        PrintStream systemOut = System.out;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            return watched.run();
        } finally {
            System.setErr(systemErr);
            System.setOut(systemOut);
            printed.append(logged.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs the launcher, keeping what it wrote and what was logged meanwhile. */
    private int brain(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return logging(() -> Brain.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8)));
        } finally {
            printed.append(out.toString(StandardCharsets.UTF_8));
        }
    }

    private void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "'" + secret + "' shown in:\n" + text);
        }
    }

    @Test
    void aStartThatFailsOnTheClusterLogsAndSaysNoSecret() throws Exception {
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
    void refusedSettingsNeverRepeatASecretValue() throws Exception {
        TestKeyStores stores = TestKeyStores.forLocalhost(dir, "brain-http", "k3ystore-pw");
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
        // a token too short, and a key store opened with a wrong password, or a right one but no key store
        codes.add(brain(Map.of(), "--http.auth.token=sh0rt-t0k"));
        codes.add(brain(Map.of(), "--http.tls.keystore.location=" + stores.keyStore(), "--http.tls.keystore.password=" + WRONG_TOKEN));
        codes.add(brain(Map.of(), "--http.tls.keystore.password=k3ystore-pw"));

        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2), codes, printed.toString());
        assertEquals(11, printed.toString().lines().filter(line -> line.startsWith("error: ")).count(), printed.toString());
        assertNoSecretIn(printed.toString());
    }

    /**
     * The app running with a token, https from a key store, and Kafka and registry secrets: every answer of the query
     * API (without the token, with a wrong one, with the right one; right and wrong parameters), of /metrics and
     * /health, every error, and every line logged from start to stop. The Kafka secrets are secret-looking but harmless
     * against the embedded broker, whose plaintext listener reads neither a JAAS configuration nor a key password.
     */
    @Test
    void aRunningAppShowsNoSecretInAnyAnswerErrorOrLogLine() throws Exception {
        TestKeyStores stores = TestKeyStores.forLocalhost(dir, "brain-http", "k3ystore-pw");
        Path jaas = Files.writeString(dir.resolve("jaas"), JAAS + "\n");
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "http.auth.token=" + TOKEN + "\n"
                + "http.tls.keystore.password=k3ystore-pw\nschema.registry.basic.auth.user.info=brain:r3g1stry-pw\nkafka.ssl.key.password=k3y-pw\n");
        List<String> flags = List.of("--broker.port=0", "--registry.port=0", "--http.port=0", "--simulator=off",
                "--data.dir=" + dir.resolve("data"), "--secrets=" + secrets, "--http.tls.keystore.location=" + stores.keyStore());
        HttpClient https = HttpClient.newBuilder().sslContext(stores.trusting()).connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder answers = new StringBuilder();

        logging(() -> {
            BrainSettings settings = SettingsLoader.load(flags, Map.of("BRAIN_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString()), List.of()).settings();
            answers.append(settings).append('\n');
            try (BrainApp app = BrainApp.start(settings, Map.of())) {
                BrainTestSupport.awaitHealthy(app, https);
                List<String> calls = new ArrayList<>();
                for (String path : OpenApiDocument.packaged().paths()) {
                    calls.addAll(List.of(path, path + "?scope=PROVINCE&scopeId=ZJ", path + "?nope=1"));
                }
                calls.addAll(List.of("/api/", "/api/nope", "/health", "/metrics", "/", "/nope.html", "/../secrets.properties"));
                for (String call : calls) {
                    for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of(WRONG_TOKEN), Optional.of(TOKEN))) {
                        for (String method : List.of("GET", "POST")) {
                            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.httpUrl() + call))
                                    .method(method, HttpRequest.BodyPublishers.noBody());
                            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
                            HttpResponse<String> response = https.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            answers.append(method).append(' ').append(call).append(' ').append(response.statusCode())
                                    .append(' ').append(response.headers().map()).append(' ').append(response.body()).append('\n');
                        }
                    }
                }
            }
            return null;
        });

        String shown = answers.toString();
        for (String answered : List.of("GET /api/scopes 401", "GET /api/scopes 200", "GET /api/scopes?nope=1 400",
                "GET /metrics 200", "GET /health 200", "POST /api/scopes 405", "GET /api/nope 404", "GET /nope.html 404")) {
            assertTrue(shown.contains(answered), answered + " among\n" + shown);
        }
        assertNoSecretIn(shown);
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
