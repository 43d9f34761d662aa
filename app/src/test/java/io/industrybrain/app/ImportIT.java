package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.EventTopic;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plant's history sent at full speed, as a factory gateway releases its buffer or a plant imports its historian,
 * into a running app (its own JVM) with the default event-time settings, on six partitions: three days of a small
 * fleet, its sparse topics (a batch per line every few hours, a shift every eight, heartbeats hourly) included, written
 * over eight seconds while the app reads. The gateway writes its telemetry and its other records through two producers,
 * the second a second behind the first: every topic in event-time order, but at this speed a second of wall clock is
 * nine hours of event time, so a batch, shift or heartbeat partition is consumed to its end for a moment while the
 * telemetry races hours ahead of what it is about to deliver (the batching skew that made such imports LATE, issue
 * "A plant's history sent at full speed is counted"). Nothing may be LATE, and every closed window's final must
 * equal a recomputation from the records sent; the same with a {@code kill -9} of the app in the middle of the import.
 */
class ImportIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration HISTORY = Duration.ofDays(3);
    private static final Duration IMPORT_TAKES = Duration.ofSeconds(8);
    /** How far the gateway's second producer trails its first. */
    private static final Duration SKEW = Duration.ofSeconds(1);
    private static final Duration CONVERGED = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void anOrderedImportAtFullSpeedCountsEveryRecordInItsWindowsFirstFinal() throws Exception {
        importHistory("import", null);
    }

    @Test
    void theSameWithTheAppKilledInTheMiddleOfTheImport() throws Exception {
        importHistory("import-kill", IMPORT_TAKES.multipliedBy(2).dividedBy(5));
    }

    /** @param killAfter when into the import the app gets a SIGKILL (and is started again), or null */
    private void importHistory(String name, Duration killAfter) throws Exception {
        String prefix = kafka.uniqueName(name) + ".";
        TopicNames topics = new TopicNames(prefix);
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), 6);
        SimulatorSettings fleet = SimulatorSettings.defaults().withEnterprises(6).withDevicesPerEnterprise(3)
                .withSampleInterval(Duration.ofMinutes(20)).withHeartbeatInterval(Duration.ofMinutes(59))
                .withReferenceChangesPerDay(0).withBackfill(HISTORY).withRatePerSecond(Double.POSITIVE_INFINITY)
                .withWindow(WINDOW).withGrace(GRACE);
        SentEvents sent = new SentEvents(WINDOW, GRACE);
        RecordedImport history = new RecordedImport();
        Simulator simulator = new Simulator(fleet, Clock.systemUTC(), sent.andThen(history));
        while (!simulator.caughtUp()) {
            simulator.emitDue();
        }
        Instant lastEventTime = simulator.simulatedTime();

        AppProcess app = new AppProcess(name, dir.resolve(name), "512m", List.of(
                "--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--simulator=off", "--min.group.size=1"));
        try (app; KafkaProducer<String, byte[]> telemetryProducer = producer(); KafkaProducer<String, byte[]> otherProducer = producer()) {
            AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(kafka.registryClient(), true);
            KafkaEventSink telemetrySink = new KafkaEventSink(telemetryProducer, serializer, topics);
            KafkaEventSink otherSink = new KafkaEventSink(otherProducer, serializer, topics);
            // the plants are registered before their gateways send (docs/decisions.md, "Reference data is complete before events")
            history.reference.forEach(send -> send.accept(otherSink));
            otherSink.flush();
            app.start();
            app.awaitHealthy(CONVERGED);
            awaitEnterprisesKnown(app.url(), topics, history.reference.size());

            long began = System.nanoTime();
            Thread telemetry = writer("telemetry", history.telemetry, telemetrySink, began, Duration.ZERO, history.events());
            Thread others = writer("batches, shifts, heartbeats", history.others, otherSink, began, SKEW, history.events());
            telemetry.start();
            others.start();
            if (killAfter != null) {
                Thread.sleep(killAfter.toMillis());
                app.kill();
                Thread.sleep(1_000);
                app.start();
            }
            telemetry.join();
            others.join();
            assertEquals(0, telemetrySink.sendFailures() + otherSink.sendFailures());
            app.awaitHealthy(CONVERGED);

            // every record settled, none LATE
            Map<String, Long> sentPerTopic = Map.of(topics.telemetry(), (long) history.count(EventTopic.TELEMETRY),
                    topics.production(), (long) history.count(EventTopic.PRODUCTION), topics.shifts(), (long) history.count(EventTopic.SHIFTS),
                    topics.processes(), (long) history.count(EventTopic.PROCESSES));
            await().alias("the app settles all " + history.events() + " records of the import").atMost(CONVERGED)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> settledAll(app, sentPerTopic));
            JsonNode outcomes = getJson(app.url() + "/api/outcomes").path("topics");
            for (Map.Entry<String, Long> topic : sentPerTopic.entrySet()) {
                JsonNode counted = outcomes.path(topic.getKey());
                assertEquals(List.of(topic.getValue(), topic.getValue(), 0L, 0L),
                        List.of(counted.path("consumed").asLong(), counted.path("accepted").asLong(),
                                counted.path("deadLettered").path("LATE").asLong(), counted.path("duplicates").asLong()),
                        topic.getKey() + ": consumed, accepted, LATE, duplicates");
            }

            // every window closed by the import's last event: one final per key, equal to the recomputation
            Map<String, TelemetryTotals> telemetryExpected = sent.closedWindowTotals(lastEventTime);
            Map<String, SentEvents.ValueTotals> valuesExpected = sent.closedWindowValues(lastEventTime);
            Map<String, Long> processesExpected = sent.closedWindowDigitizedProcesses(lastEventTime);
            assertTrue(telemetryExpected.size() > 4 * 60, "three days of closed windows at four scopes: " + telemetryExpected.size());
            AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
            Map<String, MetricRecord> finals = new TreeMap<>();
            await().alias("a final for each of the " + telemetryExpected.size() + " keys of closed windows").atMost(CONVERGED)
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        finals.clear();
                        List<ConsumerRecord<String, MetricRecord>> read = KafkaRecords.consumeAll(kafka.bootstrapServers(),
                                topics.metricsFinal(), new StringDeserializer(), metrics);
                        for (ConsumerRecord<String, MetricRecord> record : read) {
                            assertFalse(finals.containsKey(record.key()), "two finals of " + record.key());
                            finals.put(record.key(), record.value());
                        }
                        return finals.keySet().containsAll(telemetryExpected.keySet());
                    });
            for (Map.Entry<String, TelemetryTotals> key : telemetryExpected.entrySet()) {
                assertEquals(key.getValue(), TelemetryTotals.of(finals.get(key.getKey())), key.getKey());
            }
            for (Map.Entry<String, SentEvents.ValueTotals> key : valuesExpected.entrySet()) {
                MetricRecord metric = finals.get(key.getKey());
                assertNotNull(metric, () -> "no final for " + key.getKey() + ", a window of batches or shifts only");
                assertEquals(key.getValue(), SentEvents.ValueTotals.of(metric), key.getKey());
            }
            for (Map.Entry<String, Long> key : processesExpected.entrySet()) {
                assertEquals(key.getValue(), finals.get(key.getKey()).getDigitizedProcesses(), key.getKey() + " digitized processes");
            }
            System.out.printf("%s: %d records imported in %.1f s (kill -9: %s), 0 LATE, %d finals checked against the records sent%n",
                    name, history.events(), (System.nanoTime() - began) / 1e9, killAfter != null, telemetryExpected.size());
        }
    }

    private static boolean settledAll(AppProcess app, Map<String, Long> sentPerTopic) throws Exception {
        JsonNode outcomes = getJson(app.url() + "/api/outcomes").path("topics");
        return sentPerTopic.entrySet().stream().allMatch(topic -> outcomes.path(topic.getKey()).path("consumed").asLong() == topic.getValue()
                && outcomes.path(topic.getKey()).path("inFlight").asLong() == 0);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(KafkaEventSink.producerConfig(kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Writes {@code records} in order, record i of the whole import at {@code began + delay + i × IMPORT_TAKES / total}:
     * both writers share one pace, the second {@code delay} behind.
     */
    private static Thread writer(String name, List<Slot> records, KafkaEventSink sink, long began, Duration delay, int total) {
        return new Thread(() -> {
            for (Slot slot : records) {
                long due = began + delay.toNanos() + IMPORT_TAKES.toNanos() * slot.index() / total;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                slot.send().accept(sink);
            }
            sink.flush();
        }, "import-" + name);
    }

    /** A record of the import: its place in the whole import's event-time order, and how to send it. */
    private record Slot(int index, EventTopic topic, Consumer<EventSink> send) {
    }

    /** The simulator's output, kept in its order to be written later: the reference data, then the events by producer. */
    private static final class RecordedImport implements EventSink {
        private final List<Consumer<EventSink>> reference = new ArrayList<>();
        private final List<Slot> telemetry = new ArrayList<>();
        private final List<Slot> others = new ArrayList<>();

        @Override public void enterprise(Enterprise enterprise) { reference.add(sink -> sink.enterprise(enterprise)); }
        @Override public void telemetry(MachineTelemetry sample) { telemetry.add(new Slot(events(), EventTopic.TELEMETRY, sink -> sink.telemetry(sample))); }
        @Override public void production(ProductionOutput batch) { others.add(new Slot(events(), EventTopic.PRODUCTION, sink -> sink.production(batch))); }
        @Override public void shift(WorkShift shift) { others.add(new Slot(events(), EventTopic.SHIFTS, sink -> sink.shift(shift))); }
        @Override public void heartbeat(ProcessHeartbeat heartbeat) { others.add(new Slot(events(), EventTopic.PROCESSES, sink -> sink.heartbeat(heartbeat))); }
        @Override public void raw(EventTopic topic, String key, byte[] value) { throw new AssertionError("the import has no faults"); }

        int events() {
            return telemetry.size() + others.size();
        }

        int count(EventTopic topic) {
            return (int) Stream.concat(telemetry.stream(), others.stream()).filter(slot -> slot.topic() == topic).count();
        }
    }
}
