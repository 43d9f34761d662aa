package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./brain targets load} against a named cluster and registry: the plan's targets on a compacted
 * {@code brain.targets}, one per key {@code scope:scopeId:metric}, readable with the project's deserializer.
 */
class LoadTargetsCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    @Test
    void thePlanIsPublishedToACompactedTopicUnderOneKeyPerTarget() throws Exception {
        String prefix = kafka.uniqueName("targets") + ".";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Brain.run(List.of("targets", "load", "../targets/plan-2025.json", "--bootstrap.servers=" + kafka.bootstrapServers(),
                        "--schema.registry.url=" + kafka.schemaRegistryUrl(), "--topic.prefix=" + prefix),
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Brain.EXIT_OK, code, () -> err.toString(StandardCharsets.UTF_8));
        String topic = prefix + "brain.targets";
        assertEquals("loaded 3 targets from ../targets/plan-2025.json to " + topic + System.lineSeparator(),
                out.toString(StandardCharsets.UTF_8));
        Map<String, MetricTarget> published = new TreeMap<>();
        for (ConsumerRecord<String, MetricTarget> record : kafka.consume(topic, 3, new StringDeserializer(),
                new AvroDeserializer<>(kafka.registryClient(), MetricTarget.class), Duration.ofSeconds(30))) {
            published.put(record.key(), record.value());
        }
        LocalDate due = LocalDate.parse("2025-12-31");
        assertEquals(Map.of(
                "PROVINCE:ZJ:fullyDigitizedRate", new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, due, 0.683, LocalDate.parse("2020-12-31")),
                "PROVINCE:ZJ:annualizedLaborProductivity", new MetricTarget(Scope.PROVINCE, "ZJ", "annualizedLaborProductivity", 22.0, due, 16.6, LocalDate.parse("2020-12-31")),
                "PROVINCE:ZJ:smartFactoryEnterprises", new MetricTarget(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises", 1000.0, due, 263.0, LocalDate.parse("2020-12-31"))),
                published);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
    }
}
