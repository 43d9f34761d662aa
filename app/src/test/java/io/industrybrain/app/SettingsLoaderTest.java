package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private static BrainSettings load(List<String> args, Map<String, String> env) {
        return SettingsLoader.load(args, env, List.of()).settings();
    }

    @Test
    void defaultsAreTheContractTable() {
        BrainSettings s = load(List.of(), Map.of());

        assertEquals(Optional.empty(), s.bootstrapServers());
        assertEquals(Optional.empty(), s.schemaRegistryUrl());
        assertEquals(9092, s.brokerPort());
        assertEquals(8081, s.registryPort());
        assertEquals(8080, s.httpPort());
        assertEquals(Duration.ofHours(1), s.topology().window());
        assertEquals(Duration.ofMinutes(10), s.topology().grace());
        assertEquals(Duration.ofSeconds(1), s.topology().updateInterval());
        assertEquals("", s.topics().prefix());
        assertEquals(6, s.topology().partitions());
        assertEquals(3, s.topology().minGroupSize());
        assertEquals(0.7, s.topology().smartFactoryMinNcRatio());
        assertEquals(0.7, s.topology().smartFactoryMinCloudRatio());
        assertTrue(s.simulator(), "simulator is on when embedded");
        assertEquals(Path.of("./data"), s.dataDir());
        assertTrue(s.embedded());
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverFileWhichWinsOverDefaults() throws IOException {
        Path file = dir.resolve("brain.properties");
        Files.writeString(file, "window=PT5M\ngrace=PT1M\nhttp.port=9000\ntopic.prefix=file.\n");
        Map<String, String> env = Map.of("BRAIN_GRACE", "PT2M", "BRAIN_HTTP_PORT", "9001", "PATH", "/usr/bin");

        BrainSettings s = load(List.of("--config=" + file, "--http.port=9002"), env);

        assertEquals(Duration.ofMinutes(5), s.topology().window(), "file over default");
        assertEquals(Duration.ofMinutes(2), s.topology().grace(), "environment over file");
        assertEquals(9002, s.httpPort(), "flag over environment");
        assertEquals("file.", s.topics().prefix());
        assertEquals("file.brain.telemetry", s.topics().telemetry());
    }

    @Test
    void theTopologyGetsTheGroupSizeAndThePartitions() {
        BrainSettings s = load(List.of("--min.group.size=5", "--partitions=12", "--update.interval=PT0S"), Map.of());

        assertEquals(5, s.topology().minGroupSize());
        assertEquals(12, s.topology().partitions());
        assertEquals(Duration.ZERO, s.topology().updateInterval());
    }

    @Test
    void aNamedClusterTurnsTheSimulatorOffUnlessAskedFor() {
        assertFalse(load(List.of("--bootstrap.servers=kafka:9092"), Map.of()).simulator());
        assertTrue(load(List.of("--bootstrap.servers=kafka:9092", "--simulator=on"), Map.of()).simulator());
        assertFalse(load(List.of("--simulator=off"), Map.of()).simulator());
    }

    @Test
    void wordsThatAreNotFlagsAreKeptInOrder() {
        SettingsLoader.Loaded loaded = SettingsLoader.load(List.of("replay-dlq", "--window=PT5M", "--reason=LATE"),
                Map.of(), List.of("reason"));

        assertEquals(List.of("replay-dlq", "--reason=LATE"), loaded.arguments());
        assertEquals(Duration.ofMinutes(5), loaded.settings().topology().window());
    }

    private static String failure(List<String> args, Map<String, String> env) {
        return assertThrows(SettingException.class, () -> load(args, env)).getMessage();
    }

    @Test
    void badSettingsAreNamedWithTheirSource() throws IOException {
        assertEquals("windw: unknown setting (flag --windw); see ./brain --help", failure(List.of("--windw=PT1H"), Map.of()));
        assertEquals("BRAIN_WINDW: unknown setting (environment variable); see ./brain --help",
                failure(List.of(), Map.of("BRAIN_WINDW", "PT1H")));
        assertEquals("window: not an ISO-8601 duration such as PT1H or PT30S ('1h' from flag --window)",
                failure(List.of("--window=1h"), Map.of()));
        assertEquals("grace: not an ISO-8601 duration such as PT1H or PT30S ('ten' from environment variable BRAIN_GRACE)",
                failure(List.of(), Map.of("BRAIN_GRACE", "ten")));
        assertEquals("window: must be longer than zero ('PT0S' from flag --window)", failure(List.of("--window=PT0S"), Map.of()));
        assertEquals("http.port: not a port number (0 to 65535) ('70000' from flag --http.port)",
                failure(List.of("--http.port=70000"), Map.of()));
        assertEquals("broker.port: not a whole number ('x' from flag --broker.port)", failure(List.of("--broker.port=x"), Map.of()));
        assertEquals("smart.factory.min.nc.ratio: must be between 0 and 1 ('1.5' from flag --smart.factory.min.nc.ratio)",
                failure(List.of("--smart.factory.min.nc.ratio=1.5"), Map.of()));
        assertEquals("simulator: must be on or off ('yes' from flag --simulator)", failure(List.of("--simulator=yes"), Map.of()));
        assertEquals("schema.registry.url: must be an http:// or https:// URL ('localhost:8081' from flag --schema.registry.url)",
                failure(List.of("--schema.registry.url=localhost:8081"), Map.of()));
        assertEquals("window: give a value as --window=VALUE", failure(List.of("--window"), Map.of()));
        assertTrue(failure(List.of("--schema.registry.url=http://exa mple:8081"), Map.of()).startsWith("schema.registry.url: not a URL: "));
        assertEquals("schema.registry.url: must be an http:// or https:// URL ('http://a:8081,ftp://b' from flag --schema.registry.url)",
                failure(List.of("--schema.registry.url=http://a:8081,ftp://b"), Map.of()));
        assertEquals("schema.registry.url: credentials in the URL are not supported",
                failure(List.of("--schema.registry.url=https://user:secret@registry:8081"), Map.of()));
        assertEquals(java.util.Optional.of("http://a:8081, http://b:8081"),
                load(List.of("--schema.registry.url=http://a:8081, http://b:8081"), Map.of()).schemaRegistryUrl());

        // the rules of the topology's own values are its own, reported as the setting's
        assertEquals("watermark.interval: must be at least 1 ms ('PT0S' from flag --watermark.interval)",
                failure(List.of("--watermark.interval=PT0S"), Map.of()));
        assertEquals("intake.idle.after: must not be negative ('-PT1S' from environment variable BRAIN_INTAKE_IDLE_AFTER)",
                failure(List.of(), Map.of("BRAIN_INTAKE_IDLE_AFTER", "-PT1S")));
        assertEquals("grace: must not be negative ('-PT1M' from flag --grace)", failure(List.of("--grace=-PT1M"), Map.of()));
        assertEquals("min.group.size: must be at least 1 ('0' from flag --min.group.size)", failure(List.of("--min.group.size=0"), Map.of()));
        assertEquals("stream.threads: must be at least 1 ('0' from flag --stream.threads)", failure(List.of("--stream.threads=0"), Map.of()));
        assertEquals("commit.interval: must be longer than zero ('PT0S' from flag --commit.interval)",
                failure(List.of("--commit.interval=PT0S"), Map.of()));
        assertEquals("processing.guarantee: must be one of [exactly_once_v2, at_least_once] ('exactly_once' from flag --processing.guarantee)",
                failure(List.of("--processing.guarantee=exactly_once"), Map.of()));

        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "partitions=0\n");
        assertEquals("partitions: must be at least 1 ('0' from file " + file + ")", failure(List.of("--config=" + file), Map.of()));
        Files.writeString(file, "colour=blue\n");
        assertEquals("colour: unknown setting (in " + file + "); see ./brain --help", failure(List.of("--config=" + file), Map.of()));
        assertTrue(failure(List.of("--config=" + dir.resolve("missing")), Map.of()).startsWith("config: cannot read "));
    }

    @Test
    void everyEnvironmentVariableIsBrainPlusUpperSnakeCase() {
        assertEquals("BRAIN_SMART_FACTORY_MIN_CLOUD_RATIO", Setting.SMART_FACTORY_MIN_CLOUD_RATIO.environmentVariable());
        assertEquals("BRAIN_SCHEMA_REGISTRY_URL", Setting.SCHEMA_REGISTRY_URL.environmentVariable());
        assertEquals("BRAIN_DATA_DIR", Setting.DATA_DIR.environmentVariable());
    }
}
