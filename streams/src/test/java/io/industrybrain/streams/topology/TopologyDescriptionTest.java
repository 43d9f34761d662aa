package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.industrybrain.serde.InMemorySchemaRegistry;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is part of its contract: store, changelog and repartition names are state on disk
 * and in Kafka. Any change shows up here and is reviewed like code. After a deliberate change, regenerate
 * the snapshot with {@code mvn -pl streams test -Dtest=TopologyDescriptionTest -Dsnapshot.update=true}.
 */
class TopologyDescriptionTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/enterprise-metrics-topology.txt");

    private final String description = EnterpriseMetricsTopology.build(
            TopologySettings.defaults(new TopicNames("")), new InMemorySchemaRegistry(), new OutcomeCounters(),
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)).describe().toString();

    @Test
    void descriptionMatchesTheReviewedSnapshot() throws IOException {
        if (Boolean.getBoolean("snapshot.update")) {
            Files.writeString(SNAPSHOT, description, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(SNAPSHOT, StandardCharsets.UTF_8), description,
                "topology changed; review and regenerate with -Dsnapshot.update=true");
    }

    @Test
    void everyOperatorStoreAndTopicIsNamedExplicitly() {
        for (String generated : new String[] {"KSTREAM-", "KTABLE-", "-0000"}) {
            assertFalse(description.contains(generated), () -> "generated name " + generated + " in\n" + description);
        }
    }
}
