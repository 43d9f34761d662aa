package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md is what the operations team acts on: every setting it names must be one the README's table (or
 * Kafka's client settings, for {@code kafka.*}) has, every metric one docs/metrics.md documents, and its alert
 * runbook must cover exactly the rules of docker/prometheus/alerts.yml.
 */
class OperationsDocTest {

    private static final Path OPERATIONS = Path.of("../docs/operations.md");
    /** Broker and topic settings the advice names; the product does not set them. */
    private static final Set<String> BROKER_SETTINGS = Set.of("default.replication.factor", "min.insync.replicas", "max.message.bytes",
            "group.min.session.timeout.ms");
    private static final Pattern SETTING = Pattern.compile("`([a-z][a-z0-9]*(?:\\.[a-z0-9*<>-]+)+)(?:=[^`]*)?`");

    @Test
    void everySettingNamedIsOneTheProductOrKafkaHas() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| `([a-z.]+)` \\| `BRAIN_", Pattern.MULTILINE).matcher(Files.readString(Path.of("../README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> kafka = new TreeSet<>();
        Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames()).forEach(kafka::addAll);

        List<String> named = new ArrayList<>();
        Matcher setting = SETTING.matcher(Files.readString(OPERATIONS));
        while (setting.find()) {
            String name = setting.group(1);
            if (name.startsWith("brain.") || BROKER_SETTINGS.contains(name) || name.endsWith(".md") || name.endsWith(".sh")) {
                continue;
            }
            named.add(name);
            boolean known = name.startsWith("kafka.")
                    ? name.equals("kafka.<name>") || kafka.contains(name.substring("kafka.".length()))
                    : name.endsWith(".*") ? documented.stream().anyMatch(key -> key.startsWith(name.substring(0, name.length() - 1)))
                    : documented.contains(name);
            assertTrue(known, "docs/operations.md names " + name + ", which is not a setting of the README's table nor of Kafka's clients");
        }
        assertTrue(named.containsAll(List.of("standby.replicas", "kafka.sasl.jaas.config", "application.id", "topic.prefix")),
                "the settings were read: " + named);
    }

    @Test
    void theRunbookCoversExactlyTheAlertRules() throws IOException {
        Set<String> rules = new TreeSet<>();
        Matcher alert = Pattern.compile("^\\s+- alert: (\\w+)$", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("../docker/prometheus/alerts.yml")));
        while (alert.find()) {
            rules.add(alert.group(1));
        }
        Set<String> runbook = new TreeSet<>();
        String operations = Files.readString(OPERATIONS);
        Matcher row = Pattern.compile("^\\| `(Brain\\w+)` \\|", Pattern.MULTILINE).matcher(operations.substring(operations.indexOf("## Alert runbook")));
        while (row.find()) {
            runbook.add(row.group(1));
        }
        assertTrue(rules.size() >= 8, "the rules were read: " + rules);
        assertEquals(rules, runbook);
    }

    @Test
    void everyMetricNamedIsDocumented() throws IOException {
        String metrics = Files.readString(Path.of("../docs/metrics.md"));
        Matcher metric = Pattern.compile("`(brain_[a-z_]+)").matcher(Files.readString(OPERATIONS));
        int named = 0;
        while (metric.find()) {
            named++;
            assertTrue(metrics.contains("`" + metric.group(1) + "`"), metric.group(1) + " is not in docs/metrics.md");
        }
        assertTrue(named > 0);
    }
}
