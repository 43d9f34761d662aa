package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.industrybrain.testkit.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yml} (and {@code docker/monitoring.yml}) as Docker Compose reads them. No Docker engine is needed: {@code docker
 * compose config} validates the file and prints it resolved (anchors merged, paths absolute), and
 * the test checks what the stack promises on that. Skipped where there is no {@code docker}.
 */
class DockerStackIT {

    private static final Path COMPOSE_FILE = Path.of("../docker/compose.yml").toAbsolutePath().normalize();
    private static final Path MONITORING_FILE = COMPOSE_FILE.resolveSibling("monitoring.yml");
    private static final String BOOTSTRAP = "--bootstrap.servers=kafka:9092";
    private static final String REGISTRY = "--schema.registry.url=http://schema-registry:8081";

    @Test
    void composeAcceptsTheFileAndTheStackIsWiredAsDocumented() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(resolved(COMPOSE_FILE));
        JsonNode services = compose.path("services");

        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("kafka", "schema-registry", "app", "simulator", "mosquitto", "connect", "connect-register",
                "prometheus", "grafana")), names);

        JsonNode kafka = services.path("kafka");
        assertEquals("apache/kafka:" + kafkaVersion(), kafka.path("image").asText(), "the broker runs the clients' Kafka version");
        assertEquals("broker,controller", kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText(), "KRaft, no ZooKeeper");

        JsonNode app = services.path("app");
        assertEquals("docker/Dockerfile", app.path("build").path("dockerfile").asText());
        assertTrue(Files.isRegularFile(COMPOSE_FILE.resolveSibling("Dockerfile")));
        assertEquals(List.of("run", BOOTSTRAP, REGISTRY), strings(app.path("command")));

        JsonNode simulator = services.path("simulator");
        assertEquals(app.path("image").asText(), simulator.path("image").asText(), "the simulator runs the app's image");
        List<String> simulate = strings(simulator.path("command"));
        assertEquals(List.of("simulate", BOOTSTRAP, REGISTRY), simulate.subList(0, 3));
        for (String setting : List.of("BRAIN_WINDOW", "BRAIN_GRACE")) {
            assertEquals(app.path("environment").path(setting).asText(), simulator.path("environment").path(setting).asText(),
                    "app and simulator agree on " + setting);
            assertTrue(!app.path("environment").path(setting).asText().isEmpty(), setting);
        }
        assertEquals("service_healthy", simulator.path("depends_on").path("app").path("condition").asText(),
                "the fleet publishes once the app has created the topics");

        assertTrue(app.path("networks").toString().contains("host.docker.internal"),
                "prometheus.yml's target names the app in the stack too: " + app.path("networks"));

        String connectVolumes = services.path("connect").path("volumes").toString();
        assertTrue(connectVolumes.contains("connectors/target/plugin"), "Connect mounts the MQTT connector's plugin: " + connectVolumes);
        assertTrue(services.path("prometheus").path("volumes").toString().contains("docker/prometheus"));
        assertTrue(services.path("grafana").path("volumes").toString().contains("docker/grafana/provisioning"));
    }

    @Test
    void composeAcceptsTheMonitoringOnlyFile() throws Exception {
        JsonNode monitoring = new ObjectMapper(new YAMLFactory()).readTree(resolved(MONITORING_FILE));

        Set<String> names = new TreeSet<>();
        monitoring.path("services").fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("prometheus", "grafana"), names);
    }

    /** {@code docker compose config} (or Debian's docker-compose where Docker has no compose plugin). */
    private static String resolved(Path file) throws IOException, InterruptedException {
        assumeTrue(succeeds(List.of("docker", "--version")), "docker is not on the PATH: docker/compose.yml is not validated");
        List<String> compose = List.of("docker", "compose");
        if (!succeeds(List.of("docker", "compose", "version"))) {
            DebianPackages.require(List.of("docker-compose", "version"), "docker-compose");
            compose = List.of("docker-compose");
        }
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", file.toString(), "config"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " refused the file:\n" + err);
        return out;
    }

    private static String kafkaVersion() throws IOException {
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(Files.readString(Path.of("../pom.xml")));
        assertTrue(version.find(), "kafka.version in the parent pom");
        return version.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
