package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.serde.TestKeyStores;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when a setting is wrong: one line naming the setting, and exit code 2. */
class BrainLauncherIT {

    @TempDir
    Path dataDir;

    private record Outcome(int code, String out, String err) { }

    private static Outcome brain(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Brain.run(List.of(args), env, new PrintStream(out, true), new PrintStream(err, true));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String line, Outcome outcome) {
        assertEquals(2, outcome.code());
        assertEquals(line + System.lineSeparator(), outcome.err(), "exactly one line on stderr");
    }

    @Test
    void theRealJvmExitsWith2AndOneLine() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Brain.class.getName(), "--windw=PT1H"));
        Process process = new ProcessBuilder(command).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertEquals("error: windw: unknown setting (flag --windw); see ./brain --help" + System.lineSeparator(), err);
    }

    @Test
    void malformedValuesAndUnknownCommandsAreRefusedBeforeAnythingStarts() {
        assertRefused("error: window: not an ISO-8601 duration such as PT1H or PT30S ('1h' from flag --window)",
                brain(Map.of(), "--window=1h"));
        assertRefused("error: grace: must not be negative ('-PT1M' from environment variable BRAIN_GRACE)",
                brain(Map.of("BRAIN_GRACE", "-PT1M")));
        assertRefused("error: BRAIN_WINDOWS: unknown setting (environment variable); see ./brain --help",
                brain(Map.of("BRAIN_WINDOWS", "PT1H")));
        assertRefused("error: launch: unknown command; see ./brain --help", brain(Map.of(), "launch"));
        assertRefused("error: now: run takes only settings (--name=value); see ./brain --help", brain(Map.of(), "run", "now"));
        assertRefused("error: reason: 'TOO_LATE' is not one of [DESERIALIZATION, INVALID, UNKNOWN_ENTERPRISE, LATE]",
                brain(Map.of(), "replay-dlq", "--reason=TOO_LATE"));
        assertRefused("error: rate: simulator setting 'rate' must be > 0, was -5.0", brain(Map.of(), "simulate", "--rate=-5"));
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertRefused("error: http.port: port " + port + " is in use", brain(Map.of(), "--http.port=" + port,
                    "--broker.port=0", "--registry.port=0", "--simulator=off", "--data.dir=" + dataDir));
            assertRefused("error: broker.port: port " + port + " is in use", brain(Map.of(), "--http.port=0",
                    "--broker.port=" + port, "--registry.port=0", "--simulator=off", "--data.dir=" + dataDir));
            assertRefused("error: registry.port: port " + port + " is in use", brain(Map.of(), "--http.port=0",
                    "--broker.port=0", "--registry.port=" + port, "--simulator=off", "--data.dir=" + dataDir));
        }
    }

    @Test
    void anUnreachableClusterIsNamed() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        assertRefused("error: bootstrap.servers: no Kafka broker answered at localhost:" + closed + " within 10 s",
                brain(Map.of(), "--bootstrap.servers=localhost:" + closed, "--http.port=0", "--data.dir=" + dataDir));
    }

    @Test
    void clientSettingsKafkaRefusesTogetherAreNamedAsSuch() {
        // each value is valid alone; together Kafka's admin client refuses them before it connects anywhere
        assertRefused("error: kafka.*: Kafka's clients refuse these settings: The specified value of default.api.timeout.ms"
                        + " must be no smaller than the value of request.timeout.ms.",
                brain(Map.of(), "--bootstrap.servers=localhost:9", "--kafka.default.api.timeout.ms=5000", "--http.port=0",
                        "--data.dir=" + dataDir));
    }

    @Test
    void aKeyStoreHttpsCannotUseIsNamed() throws Exception {
        TestKeyStores stores = TestKeyStores.forLocalhost(dataDir, "brain-http", "st0re-pw");
        Path missing = dataDir.resolve("missing.p12");
        Path notAStore = Files.writeString(dataDir.resolve("not-a-store.p12"), "not a key store\n");
        String location = "--http.tls.keystore.location=";
        assertRefused("error: http.tls.keystore.location: cannot read the key store " + missing + ": no such file",
                brain(Map.of(), location + missing, "--http.tls.keystore.password=st0re-pw"));
        assertRefused("error: http.tls.keystore.password: refused by the key store " + stores.keyStore(),
                brain(Map.of(), location + stores.keyStore(), "--http.tls.keystore.password=wrong-pw"));
        assertRefused("error: http.tls.keystore.password: is needed to open the key store of http.tls.keystore.location",
                brain(Map.of(), location + stores.keyStore()));
        assertRefused("error: http.tls.keystore.location: is unset, yet http.tls.keystore.password is given: set both for https, or neither",
                brain(Map.of(), "--http.tls.keystore.password=st0re-pw"));
        assertRefused("error: http.tls.keystore.type: no key store type PKCS13 in this JVM; PKCS12 or JKS",
                brain(Map.of(), location + stores.keyStore(), "--http.tls.keystore.password=st0re-pw", "--http.tls.keystore.type=PKCS13"));
        // A trust store holds a certificate but no key to serve it with.
        assertRefused("error: http.tls.keystore.location: the key store " + stores.trustStore() + " holds no private key to serve https with",
                brain(Map.of(), location + stores.trustStore(), "--http.tls.keystore.password=st0re-pw"));
        Outcome garbage = brain(Map.of(), location + notAStore, "--http.tls.keystore.password=st0re-pw");
        assertEquals(2, garbage.code());
        assertTrue(garbage.err().startsWith("error: http.tls.keystore.location: cannot read the key store " + notAStore + " as PKCS12: "),
                garbage.err());
        assertEquals(1, garbage.err().lines().count(), garbage.err());
        assertRefused("error: http.auth.token: must be 16 or more of A-Z a-z 0-9 - . _ ~ + / (and = at the end), e.g. openssl rand -base64 32",
                brain(Map.of(), "--http.auth.token=has spaces in it, so no header carries it"));
    }

    @Test
    void helpListsEverySetting() {
        Outcome help = brain(Map.of(), "--help");
        assertEquals(0, help.code());
        for (Setting s : Setting.values()) {
            assertTrue(help.out().contains("--" + s.key() + "=") && help.out().contains(s.environmentVariable()), s.key());
        }
    }
}
