package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outcome ledger across a restart, as a user of {@code ./brain} sees it in {@code /api/outcomes}: the counts of
 * the first run are still there after the next start, the second run's are added once, and the process's own
 * counters, which start from zero, are not what the API reports.
 */
class OutcomeLedgerIT {

    private static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private static final TopicNames TOPICS = new TopicNames("");

    @TempDir
    Path dataDir;

    @Test
    void theLedgerKeepsEveryCountAcrossARestartAndCountsNothingTwice() throws Exception {
        // First run: 20 samples of E1 (10 devices x seq 1-2), 2 resent, 1 invalid, 1 of an unknown enterprise
        try (BrainApp app = BrainApp.start(embedded(dataDir), Map.of())) {
            awaitHealthy(app);
            publish(app, List.of(new ProducerRecord<>(TOPICS.enterprises(), "E1", Events.enterprise("E1", "IC", "HZ", true, 100))));
            awaitEnterprisesKnown(app, TOPICS, 1);
            List<ProducerRecord<String, SpecificRecordBase>> first = new ArrayList<>(samples(1, 2));
            first.add(telemetry(Events.sample("E1-D0", "E1", 1, WINDOW.plusSeconds(60))));
            first.add(telemetry(Events.sample("E1-D1", "E1", 2, WINDOW.plusSeconds(120))));
            first.add(telemetry(Events.sample("E1-D9", "E1", 9, WINDOW.plusSeconds(540), MachineState.RUNNING, 60, -1, 0, 0.0, false, false)));
            first.add(telemetry(Events.sample("X-D1", "X", 1, WINDOW.plusSeconds(60))));
            publish(app, first);

            awaitTelemetry(app, new TopicOutcomes(24, 20, 2, Map.of(DeadLetterReason.INVALID, 1L, DeadLetterReason.UNKNOWN_ENTERPRISE, 1L),
                    Map.of(), 0));
        }

        // Second run on the same data: 10 more samples (seq 3) and one resend of a first-run sample
        try (BrainApp app = BrainApp.start(embedded(dataDir), Map.of())) {
            awaitHealthy(app);
            List<ProducerRecord<String, SpecificRecordBase>> second = new ArrayList<>(samples(3, 3));
            second.add(telemetry(Events.sample("E1-D5", "E1", 2, WINDOW.plusSeconds(120))));
            publish(app, second);

            TopicOutcomes expected = new TopicOutcomes(35, 30, 3,
                    Map.of(DeadLetterReason.INVALID, 1L, DeadLetterReason.UNKNOWN_ENTERPRISE, 1L), Map.of(), 0);
            awaitTelemetry(app, expected);
            // this process read only the second run's 11: its own counters started from zero
            assertEquals(11, app.counters().snapshot(TOPICS.telemetry()).consumed());

            JsonNode answer = getJson(app.httpUrl() + "/api/outcomes");
            assertEquals(true, answer.path("ledgerCurrent").asBoolean());
            JsonNode telemetry = answer.path("topics").path(TOPICS.telemetry());
            assertEquals(List.of(35L, 30L, 3L, 1L, 1L, 0L, 0L), List.of(telemetry.path("consumed").asLong(), telemetry.path("accepted").asLong(),
                    telemetry.path("duplicates").asLong(), telemetry.path("deadLettered").path("INVALID").asLong(),
                    telemetry.path("deadLettered").path("UNKNOWN_ENTERPRISE").asLong(), telemetry.path("deadLettered").path("LATE").asLong(),
                    telemetry.path("inFlight").asLong()), "/api/outcomes of telemetry: consumed, accepted, duplicates, INVALID, UNKNOWN, LATE, in flight");
        }
    }

    private static void awaitTelemetry(BrainApp app, TopicOutcomes expected) {
        await().alias("the ledger says " + expected).atMost(TIMEOUT)
                .until(() -> app.outcomes().current() && expected.equals(app.outcomes().snapshot().get(TOPICS.telemetry())));
    }

    /** A sample per device D0..D9 of E1 for each seq from {@code fromSeq} to {@code toSeq}, a minute apart. */
    private static List<ProducerRecord<String, SpecificRecordBase>> samples(int fromSeq, int toSeq) {
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int seq = fromSeq; seq <= toSeq; seq++) {
            for (int device = 0; device < 10; device++) {
                records.add(telemetry(Events.sample("E1-D" + device, "E1", seq, WINDOW.plusSeconds(60L * seq))));
            }
        }
        return records;
    }

    private static ProducerRecord<String, SpecificRecordBase> telemetry(MachineTelemetry sample) {
        return new ProducerRecord<>(TOPICS.telemetry(), sample.getDeviceId(), sample);
    }

    private static void publish(BrainApp app, List<ProducerRecord<String, SpecificRecordBase>> records) {
        KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(app.registryClient(), true), records);
    }
}
