package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.assertTelemetryCounts;
import static io.industrybrain.app.BrainTestSupport.enterpriseId;
import static io.industrybrain.app.BrainTestSupport.referenceData;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two instances of one application on one cluster: they share the tasks, answer {@code /api/outcomes} alike, and when
 * one stops the other takes its tasks over and finishes the window, with one exact final per key and an exact
 * ledger. Run with and without standby replicas; the failover time (the stop until the survivor has settled the
 * first record sent after it) is printed for the note.
 */
class TwoInstancesIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
    private static final int ENTERPRISES = 8;
    private static final int DEVICES = 5;

    @TempDir
    Path first;
    @TempDir
    Path second;

    @ParameterizedTest(name = "standby.replicas={0}")
    @ValueSource(ints = {0, 1})
    void theSurvivorTakesTheTasksOverAndEveryFinalIsExactAndOnce(int standbyReplicas) throws Exception {
        String prefix = kafka.uniqueName("two-" + standbyReplicas) + ".";
        TopicNames topics = new TopicNames(prefix);
        List<MachineTelemetry> samples = new ArrayList<>();
        try (BrainApp survivor = BrainApp.start(settings(prefix, second, standbyReplicas), Map.of())) {
            TopicOutcomes beforeTheStop;
            try (BrainApp stopped = BrainApp.start(settings(prefix, first, standbyReplicas), Map.of())) {
                awaitHealthy(stopped);
                awaitHealthy(survivor);
                await().alias("both instances run tasks").atMost(TIMEOUT)
                        .until(() -> activeTasks(stopped) > 0 && activeTasks(survivor) > 0);
                publish(referenceData(topics, ENTERPRISES));
                awaitEnterprisesKnown(stopped, topics, ENTERPRISES);
                awaitEnterprisesKnown(survivor, topics, ENTERPRISES);
                // the first half hour of the window
                publish(telemetry(topics, samples, 0, 30));
                beforeTheStop = new TopicOutcomes(samples.size(), samples.size(), 0, Map.of(), Map.of(), 0);
                TopicOutcomes expected = beforeTheStop;
                await().alias("both ledgers have the first half hour").atMost(TIMEOUT).until(() ->
                        expected.equals(ledger(stopped, topics)) && expected.equals(ledger(survivor, topics)));
                assertEquals(getJson(stopped.httpUrl() + "/api/outcomes").path("topics").path(topics.telemetry()),
                        getJson(survivor.httpUrl() + "/api/outcomes").path("topics").path(topics.telemetry()),
                        "both instances answer the same");
            }
            long stoppedAt = System.nanoTime();
            // the rest of the window and half of the next: stream time passes the window's end + grace and closes it
            publish(telemetry(topics, samples, 30, 90));
            await().alias("the survivor settles records sent after the stop").atMost(TIMEOUT)
                    .until(() -> ledger(survivor, topics).accepted() > beforeTheStop.accepted());
            System.out.printf("failover with standby.replicas=%d: %d ms from the stop to the first record settled after it%n",
                    standbyReplicas, Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
            TopicOutcomes all = new TopicOutcomes(samples.size(), samples.size(), 0, Map.of(), Map.of(), 0);
            try {
                await().alias("the survivor's ledger has every sample").atMost(TIMEOUT).until(() -> all.equals(ledger(survivor, topics)));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("expected " + all + ", the ledger says " + ledger(survivor, topics)
                        + ", this instance " + survivor.counters().snapshot(topics.telemetry()), e);
            }

            // one final per key of the window: 8 enterprises, the chain, the region, the province
            AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
            KafkaRecords.consume(kafka.bootstrapServers(), topics.metricsFinal(), ENTERPRISES + 3, new StringDeserializer(), metrics, TIMEOUT);
            List<ConsumerRecord<String, MetricRecord>> finals = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.metricsFinal(),
                    new StringDeserializer(), metrics);
            Map<String, MetricRecord> byKey = new TreeMap<>();
            finals.forEach(record -> byKey.put(record.key(), record.value()));
            assertEquals(ENTERPRISES + 3, finals.size(), () -> "exactly one final per key: " + finals.stream().map(ConsumerRecord::key).toList());
            assertEquals(ENTERPRISES + 3, byKey.size());
            List<MachineTelemetry> inWindow = samples.stream().filter(s -> s.getEventTime().isBefore(WINDOW.plus(Duration.ofHours(1)))).toList();
            assertTelemetryCounts(byKey.get("PROVINCE:ZJ:" + WINDOW), inWindow);
            for (int e = 0; e < ENTERPRISES; e++) {
                String enterprise = enterpriseId(e);
                assertTelemetryCounts(byKey.get("ENTERPRISE:" + enterprise + ":" + WINDOW),
                        inWindow.stream().filter(s -> s.getEnterpriseId().equals(enterprise)).toList());
            }
        }
    }

    private static BrainSettings settings(String prefix, Path dataDir, int standbyReplicas) {
        return SettingsLoader.load(List.of("--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--http.port=0", "--simulator=off",
                "--partitions=4", "--standby.replicas=" + standbyReplicas, "--intake.idle.after=PT1S", "--data.dir=" + dataDir),
                Map.of(), List.of()).settings();
    }

    /** Every device of every enterprise, one sample a minute, for the minutes {@code from} to {@code to} of the window. */
    private static List<ProducerRecord<String, SpecificRecordBase>> telemetry(TopicNames topics, List<MachineTelemetry> samples, int from, int to) {
        List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            for (int e = 0; e < ENTERPRISES; e++) {
                for (int d = 0; d < DEVICES; d++) {
                    MachineTelemetry sample = Events.sample(enterpriseId(e) + "-D" + d, enterpriseId(e), minute, WINDOW.plusSeconds(60L * minute),
                            MachineState.RUNNING, 60, 3, 0, 0.25, true, true);
                    samples.add(sample);
                    records.add(new ProducerRecord<>(topics.telemetry(), sample.getDeviceId(), sample));
                }
            }
        }
        return records;
    }

    private static TopicOutcomes ledger(BrainApp app, TopicNames topics) {
        return app.outcomes().current() ? app.outcomes().snapshot().get(topics.telemetry()) : null;
    }

    private static long activeTasks(BrainApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToLong(thread -> thread.activeTasks().size()).sum();
    }

    private static void publish(List<ProducerRecord<String, SpecificRecordBase>> records) {
        KafkaRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new AvroSerializer<>(kafka.registryClient(), true), records);
    }

}
