package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.InMemorySchemaRegistry;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.intake.EventDecoder;
import io.industrybrain.streams.topology.intake.EventIntake;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.progress.InputLag;
import java.nio.ByteBuffer;
import io.industrybrain.streams.topology.window.OpenWindows;
import io.industrybrain.streams.topology.targets.TargetValidator;
import io.industrybrain.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.streams.topology.ledger.OutcomeLedger;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The enterprise-metrics topology under {@link TopologyTestDriver}: publishes contract records (or raw
 * bytes) the way a gateway would, reads the output topics, and knows how many records it piped
 * into each input topic, so that the outcome counts can be checked against an independent number.
 * The metric topics are read as two views each: {@link #updates} and {@link #finals} hold the ENTERPRISE
 * records, {@link #rollupUpdates} and {@link #rollupFinals} the INDUSTRY_CHAIN, REGION and PROVINCE ones.
 * The window stage has one partition here, as the driver runs every topic with one.
 */
final class EnterpriseMetricsHarness implements AutoCloseable {

    static final Instant WALL_CLOCK = Instant.parse("2026-03-01T12:00:00Z");
    static final String APPLICATION_ID = "enterprise-metrics-test";

    final TopicNames topics = new TopicNames("");
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final OutcomeCounters counters = new OutcomeCounters();
    final OpenWindows openWindows = new OpenWindows();
    final TopologyTestDriver driver;
    final MetricOutput.View updates;
    final MetricOutput.View finals;
    final MetricOutput.View rollupUpdates;
    final MetricOutput.View rollupFinals;
    /** brain.metrics.periods: the DAY, MONTH, QUARTER and YEAR records of every scope. */
    final TestOutputTopic<String, MetricRecord> periods;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, OutcomeTally> ledgerRows;

    private final AvroSerializer<SpecificRecordBase> serializer = new AvroSerializer<>(registry, true);
    private final EventDecoder decoder = new EventDecoder(registry, topics);
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    /** The window stage's input, for records of intake tasks other than the driver's own, task 0. */
    private final TestInputTopic<String, SpecificRecord> byEnterprise;
    private final Map<String, Long> piped = new HashMap<>();
    /**
     * Intake tasks a test says are not caught up with their input partitions. The driver processes each piped record
     * at once, so by default every partition is caught up, and nothing more can be on its way: the harness answers
     * for the whole future ({@link InputLag.Answer#at()} is the end of time), and a caught-up partition is released
     * as soon as it is asked.
     */
    private final Map<Integer, Boolean> caughtUp = new ConcurrentHashMap<>();
    private final TopologySettings settings;
    /** Whether a test delivered events of another intake task straight to the window stage, which intake never counted. */
    private boolean eventsOfOtherIntakeTasks;
    /** The ledger's rows read so far, applied in order. */
    private final OutcomeLedger ledger = new OutcomeLedger(APPLICATION_ID);

    EnterpriseMetricsHarness(Path stateDir) {
        this(stateDir, settings -> settings);
    }

    EnterpriseMetricsHarness(Path stateDir, java.util.function.UnaryOperator<TopologySettings> customize) {
        settings = customize.apply(TopologySettings.defaults(topics).withUpdateInterval(Duration.ZERO)
                .withPartitions(1));
        Properties props = new Properties();
        props.putAll(EnterpriseMetricsTopology.streamsProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Clock clock = Clock.fixed(WALL_CLOCK, ZoneOffset.UTC);
        driver = new TopologyTestDriver(EnterpriseMetricsTopology.build(settings, registry, counters, openWindows,
                () -> new InputLag.Answer() {
                    @Override
                    public long at() {
                        return Long.MAX_VALUE;
                    }

                    @Override
                    public long caughtUpSince(String topic, int partition) {
                        return caughtUp.getOrDefault(partition, true) ? Long.MIN_VALUE : NOT_CAUGHT_UP;
                    }
                }, clock), props, WALL_CLOCK);
        for (String topic : List.of(topics.enterprises(), topics.targets(), topics.telemetry(), topics.production(), topics.shifts(),
                topics.processes())) {
            inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
        }
        byEnterprise = driver.createInputTopic(APPLICATION_ID + "-" + TopologyNames.EVENTS_BY_ENTERPRISE + "-repartition",
                new StringSerializer(), ByEnterpriseTopic.valueSerde().serializer());
        AvroDeserializer<MetricRecord> metrics = new AvroDeserializer<>(registry, MetricRecord.class);
        MetricOutput allUpdates = new MetricOutput(driver.createOutputTopic(topics.metrics(), new StringDeserializer(), metrics));
        MetricOutput allFinals = new MetricOutput(driver.createOutputTopic(topics.metricsFinal(), new StringDeserializer(), metrics));
        updates = allUpdates.enterprises;
        rollupUpdates = allUpdates.rollups;
        finals = allFinals.enterprises;
        rollupFinals = allFinals.rollups;
        periods = driver.createOutputTopic(topics.metricsPeriods(), new StringDeserializer(), metrics);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        ledgerRows = driver.createOutputTopic(topics.outcomes(), new StringDeserializer(),
                new AvroDeserializer<>(registry, OutcomeTally.class));
    }

    byte[] enterprise(Enterprise enterprise) {
        return publish(topics.enterprises(), enterprise.getEnterpriseId(), enterprise);
    }

    /** Publishes a plan target under its key {@code scope:scopeId:metric}. */
    byte[] target(MetricTarget target) {
        return publish(topics.targets(), TargetValidator.keyOf(target), target);
    }

    byte[] telemetry(MachineTelemetry sample) {
        return publish(topics.telemetry(), sample.getDeviceId(), sample);
    }

    byte[] production(ProductionOutput batch) {
        return publish(topics.production(), batch.getEnterpriseId(), batch);
    }

    byte[] shift(WorkShift shift) {
        return publish(topics.shifts(), shift.getEnterpriseId(), shift);
    }

    byte[] heartbeat(ProcessHeartbeat heartbeat) {
        return publish(topics.processes(), heartbeat.getEnterpriseId(), heartbeat);
    }

    /** Serializes as a gateway would (Confluent wire format, subject {@code <topic>-value}) and pipes it in. */
    byte[] publish(String topic, String key, SpecificRecordBase value) {
        return publishAt(topic, key, value, WALL_CLOCK);
    }

    /** As {@link #publish}, with the given Kafka record timestamp (the time the record was ingested). */
    byte[] publishAt(String topic, String key, SpecificRecordBase value, Instant timestamp) {
        byte[] bytes = serializer.serialize(topic, value);
        pipe(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes, timestamp), topic);
        return bytes;
    }

    /** Pipes raw bytes in, with the record timestamp set to the wall clock. */
    void pipe(String topic, byte[] key, byte[] value) {
        pipe(new TestRecord<>(key, value, WALL_CLOCK), topic);
    }

    void pipe(TestRecord<byte[], byte[]> record, String topic) {
        inputs.get(topic).pipeInput(record);
        piped.merge(topic, 1L, Long::sum);
    }

    /**
     * Delivers an event to the window stage as intake task {@code task} would, having admitted it from
     * partition {@code task} of its topic at {@code offset}; it counts as piped into, consumed from and
     * forwarded by that task. The driver gives every topic one partition, so this is how a test gets a second
     * intake task. Returns the value bytes, as a gateway would have published them.
     */
    byte[] admitAsIntakeTask(int task, String topic, String key, SpecificRecordBase value, long offset) {
        byte[] bytes = serializer.serialize(topic, value);
        SourceRecord source = SourceRecord.newBuilder()
                .setTopic(topic).setPartition(task).setOffset(offset).setTimestamp(WALL_CLOCK.toEpochMilli())
                .setKey(ByteBuffer.wrap(utf8(key))).setValue(ByteBuffer.wrap(bytes)).setHeaders(List.of())
                .build();
        AdmittedEvent event = EventIntake.admitted(decoder.decode(decoder.kindOf(topic), topic, bytes), source);
        // as that task's announcer would stamp it were this its only partition with records
        event.setIntakeProgress(event.getEventTime());
        piped.merge(topic, 1L, Long::sum);
        counters.forwardedAtIntake(topic);
        eventsOfOtherIntakeTasks = true;
        byEnterprise.pipeInput(event.getEnterpriseId(), event, event.getEventTime());
        return bytes;
    }

    /** Delivers intake task {@code task}'s progress marker to the window stage. */
    void markerOfIntakeTask(int task, Instant maxEventTime, boolean idle) {
        ProgressMarker marker = new ProgressMarker(task, maxEventTime == null ? null : maxEventTime.toEpochMilli(), idle);
        byEnterprise.pipeInput("progress-" + task, marker, WALL_CLOCK);
    }

    /** Says whether intake task {@code task} has consumed its input partitions (of every event topic) to their end. */
    void caughtUp(int task, boolean isCaughtUp) {
        caughtUp.put(task, isCaughtUp);
    }

    long piped(String topic) {
        return piped.getOrDefault(topic, 0L);
    }

    /**
     * The outcome identity of docs/contract.md, against the harness's own count of records piped: every record
     * consumed, none still between the stages, and accepted + duplicates + dead-lettered + ignored = consumed.
     */
    /** The end of every topology test: every piped record has exactly one outcome; then the driver closes. */
    void closeAfterCheckingOutcomes() {
        try {
            assertOutcomesBalance();
        } finally {
            close();
        }
    }

    void assertOutcomesBalance() {
        for (String topic : inputs.keySet()) {
            OutcomeCounters.TopicOutcomes outcomes = counters.snapshot(topic);
            assertEquals(piped(topic), outcomes.consumed(), "consumed from " + topic);
            assertEquals(0, outcomes.inFlight(), "in flight from " + topic);
            assertEquals(outcomes.consumed(),
                    outcomes.accepted() + outcomes.duplicates() + outcomes.deadLetteredTotal() + outcomes.ignoredTotal(),
                    "outcomes of " + topic + ": " + outcomes);
        }
        if (!eventsOfOtherIntakeTasks) {
            assertLedgerAgrees();
        }
    }

    /**
     * The outcome ledger, read from {@code brain.outcomes} as any instance reads it, once the intake task has gone
     * idle and announced it: per event topic it says what the process's counters say, nothing is in flight, and
     * in flight was never negative in any state a reader could see between rows.
     */
    void assertLedgerAgrees() {
        driver.advanceWallClockTime(settings.progress().idleAfter().plus(settings.progress().markerInterval().multipliedBy(2)));
        for (KeyValue<String, OutcomeTally> row : ledgerRows.readKeyValuesToList()) {
            ledger.apply(row.key, row.value);
            ledger.totals().forEach((topic, outcomes) ->
                    assertTrue(outcomes.inFlight() >= 0, () -> "in flight negative after row " + row.key + ": " + outcomes));
        }
        for (String topic : topics.eventTopics()) {
            OutcomeCounters.TopicOutcomes fromLedger = ledger.totals().getOrDefault(topic, counters.snapshot("never read"));
            assertEquals(counters.snapshot(topic), fromLedger, "ledger of " + topic);
        }
    }

    /**
     * Reads the next dead letter and checks it is the input record unchanged (key and value bytes),
     * with every dead-letter header; returns the error message for the caller to check.
     */
    String assertNextDeadLetter(byte[] key, byte[] value, DeadLetterReason reason, String topic, long offset) {
        return assertNextDeadLetter(key, value, reason, topic, 0, offset);
    }

    /** As above, for a record of intake task {@code partition}. */
    String assertNextDeadLetter(byte[] key, byte[] value, DeadLetterReason reason, String topic, int partition, long offset) {
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertArrayEquals(key, letter.key(), "key bytes");
        assertArrayEquals(value, letter.value(), "value bytes");
        Headers headers = letter.headers();
        assertEquals(reason.name(), header(headers, DeadLetterHeaders.REASON));
        assertEquals(topic, header(headers, DeadLetterHeaders.TOPIC));
        assertEquals(Integer.toString(partition), header(headers, DeadLetterHeaders.PARTITION));
        assertEquals(Long.toString(offset), header(headers, DeadLetterHeaders.OFFSET));
        String error = header(headers, DeadLetterHeaders.ERROR);
        assertFalse(error.isBlank(), "error header");
        return error;
    }

    static String header(Headers headers, String name) {
        return DeadLetterHeaders.read(headers, name).orElseThrow(() -> new AssertionError("no header " + name));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
