package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/compose.yml} (and {@code docker/monitoring.yml}) as Docker Compose reads them. No Docker engine runs
 * here: {@code docker compose config} validates the file and prints it resolved (anchors merged, paths absolute), and
 * the test checks offline what the stack promises on that: three KRaft brokers with SASL_SSL between everything, the
 * services it lists, every file it mounts there, every address naming a service of the stack on a port that service
 * listens on, every setting given to the app and the simulator one the product documents and accepts, and an app
 * image that is built with the README's Maven command and runs as a non-root user with a health check. Skipped where
 * there is no {@code docker}.
 */
class DockerStackIT {

    private static final Path COMPOSE_FILE = Path.of("../docker/compose.yml").toAbsolutePath().normalize();
    private static final Path MONITORING_FILE = COMPOSE_FILE.resolveSibling("monitoring.yml");
    private static final Path DOCKERFILE = COMPOSE_FILE.resolveSibling("Dockerfile");
    private static final Path KAFKA_START = COMPOSE_FILE.resolveSibling("kafka").resolve("start.sh");
    private static final String BOOTSTRAP = "--bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092";
    private static final String REGISTRY = "--schema.registry.url=http://schema-registry:8081";
    /** What each service of the stack listens on inside it, as its own configuration says. */
    private static final Map<String, Integer> LISTENS_ON = Map.of("kafka-1", 9092, "kafka-2", 9092, "kafka-3", 9092,
            "schema-registry", 8081, "app-1", 8080, "app-2", 8080, "connect", 8083, "mosquitto", 1883, "prometheus", 9090);
    private static final Pattern ADDRESS = Pattern.compile("(?:^|[/,=@\\s\"])([a-z][a-z0-9-]*):(\\d{2,5})(?![.\\d])");

    @TempDir
    Path dir;

    @Test
    void composeAcceptsTheFileAndTheStackIsWiredAsDocumented() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(resolved(COMPOSE_FILE));
        JsonNode services = compose.path("services");

        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("secrets", "kafka-1", "kafka-2", "kafka-3", "schema-registry", "app-1", "app-2", "simulator",
                "mosquitto", "connect", "connect-register", "prometheus", "grafana")), names);

        // three KRaft nodes of the clients' Kafka version, each its own id, voters all three, SASL_SSL for every client
        String start = Files.readString(KAFKA_START);
        Set<String> nodeIds = new TreeSet<>();
        for (String kafka : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode node = services.path(kafka);
            assertEquals("apache/kafka:" + kafkaVersion(), node.path("image").asText(), "the brokers run the clients' Kafka version");
            assertEquals(List.of("/bin/bash", "/opt/industry-brain/kafka/start.sh"), strings(node.path("entrypoint")));
            nodeIds.add(node.path("environment").path("NODE_ID").asText());
            assertEquals(kafka, node.path("hostname").asText());
        }
        assertEquals(Set.of("1", "2", "3"), nodeIds);
        assertTrue(start.contains("process.roles=broker,controller"), "KRaft, no ZooKeeper");
        assertTrue(start.contains("controller.quorum.voters=1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093"));
        assertTrue(start.contains("listener.security.protocol.map=INTERNAL:SASL_SSL,HOST:SASL_SSL,CONTROLLER:SSL"),
                "SASL_SSL for clients and between brokers, TLS between controllers");
        assertTrue(start.contains("default.replication.factor=3") && start.contains("min.insync.replicas=2")
                && start.contains("transaction.state.log.min.isr=2"));
        for (String user : List.of("admin", "brain", "registry", "connect")) {
            assertTrue(start.contains("$(scram " + user + ")"), "the broker's first start adds the SCRAM user " + user);
            assertTrue(Files.readString(COMPOSE_FILE.resolveSibling("secrets").resolve("make-secrets.sh")).contains(user),
                    "make-secrets.sh makes a password for " + user);
        }

        // two app instances of one application id, and the simulator, on the secured cluster
        Map<String, String> documented = documentedSettings();
        for (String app : List.of("app-1", "app-2")) {
            JsonNode service = services.path(app);
            assertEquals("docker/Dockerfile", service.path("build").path("dockerfile").asText());
            assertEquals(List.of("run", BOOTSTRAP, REGISTRY), strings(service.path("command")));
            assertFalse(service.path("environment").has("BRAIN_APPLICATION_ID"), "both instances keep the default application id");
            acceptedByTheProduct(app, strings(service.path("command")), environment(service), documented);
        }
        JsonNode simulator = services.path("simulator");
        assertEquals(services.path("app-1").path("image").asText(), simulator.path("image").asText(), "the simulator runs the app's image");
        List<String> simulate = strings(simulator.path("command"));
        assertEquals(List.of("simulate", BOOTSTRAP, REGISTRY), simulate.subList(0, 3));
        acceptedByTheProduct("simulator", simulate, environment(simulator), documented);
        for (String setting : List.of("BRAIN_WINDOW", "BRAIN_GRACE", "BRAIN_KAFKA_SECURITY_PROTOCOL", "BRAIN_KAFKA_SASL_JAAS_CONFIG_FILE")) {
            String value = services.path("app-1").path("environment").path(setting).asText();
            assertFalse(value.isEmpty(), setting);
            assertEquals(value, simulator.path("environment").path(setting).asText(), "app and simulator agree on " + setting);
        }
        assertEquals("SASL_SSL", services.path("app-1").path("environment").path("BRAIN_KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("service_healthy", simulator.path("depends_on").path("app-1").path("condition").asText(),
                "the fleet publishes once the app has created the topics");
        assertEquals("SASL_SSL", services.path("schema-registry").path("environment").path("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL").asText());
        assertTrue(services.path("connect").path("command").toString().contains("security.protocol=SASL_SSL"),
                "Connect's worker and its connectors' clients speak SASL_SSL");

        // every file the stack mounts from the repository is there (the connector plugin once its README command ran)
        for (String service : names) {
            for (JsonNode volume : services.path(service).path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith("/") && !source.contains("/target/")) {
                    assertTrue(Files.exists(Path.of(source)), service + " mounts " + source + ", which does not exist");
                }
            }
        }

        // every address in the stack names one of its services on a port that service listens on
        List<String> addresses = new ArrayList<>();
        Matcher address = ADDRESS.matcher(services.toString() + "\n" + Files.readString(COMPOSE_FILE.resolveSibling("prometheus")
                .resolve("prometheus-stack.yml")) + "\n" + start);
        while (address.find()) {
            String host = address.group(1);
            if (names.contains(host)) {
                addresses.add(host + ":" + address.group(2));
                int port = Integer.parseInt(address.group(2));
                boolean controller = host.startsWith("kafka-") && port == 9093;
                assertTrue(controller || Integer.valueOf(port).equals(LISTENS_ON.get(host)), host + ":" + port + " is not where " + host + " listens");
            }
        }
        assertTrue(addresses.containsAll(List.of("kafka-1:9092", "kafka-3:9092", "schema-registry:8081", "app-1:8080", "app-2:8080",
                "connect:8083", "mosquitto:1883")), addresses.toString());

        assertTrue(services.path("prometheus").path("volumes").toString().contains("docker/prometheus"));
        assertTrue(strings(services.path("prometheus").path("command")).contains("--config.file=/etc/prometheus/prometheus-stack.yml"));
        assertTrue(services.path("grafana").path("volumes").toString().contains("docker/grafana/provisioning"));
    }

    @Test
    void theAppImageIsBuiltAsTheReadmeSaysAndRunsUnprivilegedWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher build = Pattern.compile("RUN (?:--mount=\\S+ \\\\\\s+)?(mvn [^\\n&]+?)\\s*(?:\\\\|$)", Pattern.MULTILINE).matcher(dockerfile);
        assertTrue(build.find(), "the build stage runs Maven");
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("`" + build.group(1) + "`"), "the README names the image's build command " + build.group(1));
        assertTrue(Files.readString(Path.of("../brain")).contains(build.group(1)), "./brain builds with " + build.group(1) + " too");

        String runtime = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        Matcher user = Pattern.compile("^USER (\\S+)$", Pattern.MULTILINE).matcher(runtime);
        assertTrue(user.find(), "the runtime stage names its user");
        assertFalse(List.of("root", "0").contains(user.group(1)), "runs as " + user.group(1));
        assertTrue(runtime.contains("useradd --system") && runtime.contains(user.group(1)));
        assertTrue(Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD curl [^\\n]*/health").matcher(runtime).find(), "a health check on /health");
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

    /**
     * The product's own settings loader accepts the service's command line and environment: every setting named there
     * is known, valid and documented. Files named by {@code *_FILE} variables live in the stack's secrets volume, so
     * stand-ins are given here.
     */
    private void acceptedByTheProduct(String service, List<String> command, Map<String, String> environment,
                                      Map<String, String> documented) throws IOException {
        Map<String, String> standIns = new TreeMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("BRAIN_")) {
                continue;
            }
            String setting = name.endsWith("_FILE") ? name.substring(0, name.length() - "_FILE".length()) : name;
            assertTrue(documented.containsKey(setting) || setting.startsWith("BRAIN_KAFKA_"),
                    service + ": " + name + " is not a setting of the README's table");
            if (name.endsWith("_FILE")) {
                Path standIn = Files.writeString(dir.resolve(service + "-" + name), "stand-in");
                standIns.put(name, standIn.toString());
            } else {
                standIns.put(name, variable.getValue());
            }
        }
        List<String> flags = command.stream().filter(word -> word.startsWith("--")).toList();
        SettingsLoader.load(flags, standIns, Brain.extraFlags());
    }

    /** The environment column of the README's settings table. */
    private static Map<String, String> documentedSettings() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        Matcher row = Pattern.compile("^\\| `([a-z.]+)` \\| `(BRAIN_[A-Z_]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(Path.of("../README.md")));
        while (row.find()) {
            settings.put(row.group(2), row.group(1));
        }
        assertTrue(settings.containsKey("BRAIN_WINDOW"), "the README's table read: " + settings.keySet());
        return settings;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new TreeMap<>();
        service.path("environment").fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
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
