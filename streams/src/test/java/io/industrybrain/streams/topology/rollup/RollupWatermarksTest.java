package io.industrybrain.streams.topology.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.MetricFormulas;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.Sums;
import io.industrybrain.streams.topology.internal.EnterpriseClosing;
import io.industrybrain.streams.topology.internal.GroupPartial;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.window.WindowStoreKeys;
import io.industrybrain.topics.TopicNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll-up stage on its own, fed as three window-stage partitions would feed it: a window's finals come
 * out once, and only once every partition's progress marker has passed the window, whatever order the
 * partitions' records interleave in. (The topology test driver runs every topic with one partition, so
 * this is where several partitions are simulated; the integration test runs six.)
 */
class RollupWatermarksTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long W10 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    private static final long W11 = W10 + HOUR;
    private static final long W12 = W11 + HOUR;
    private static final Instant WALL_CLOCK = Instant.parse("2026-03-01T13:00:00Z");
    private static final InternalAvroSerde<MetricRecord> METRICS = InternalAvroSerde.of(MetricRecord.class);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RollupInput> input;
    private TestOutputTopic<String, MetricRecord> output;

    @BeforeEach
    void start() {
        TopologySettings settings = TopologySettings.defaults(new TopicNames("")).withUpdateInterval(Duration.ZERO)
                .withPartitions(3).withMinGroupSize(1);
        StreamsBuilder builder = new StreamsBuilder();
        RollupStage.aggregate(builder, builder.stream("by-window", Consumed.with(Serdes.String(), RollupStage.serde())),
                        settings, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC))
                .to("out", Produced.with(Serdes.String(), METRICS));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollup-watermarks-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, WALL_CLOCK);
        input = driver.createInputTopic("by-window", new StringSerializer(), RollupStage.serde().serializer());
        output = driver.createOutputTopic("out", new StringDeserializer(), METRICS.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** An ENTERPRISE record of chain IC, region HZ with only employees and value added set. */
    private static MetricRecord enterprise(String id, long windowStart, double added, long revision, boolean closing) {
        return MetricFormulas.withRatios(MetricRecord.newBuilder()
                        .setScope(Scope.ENTERPRISE).setScopeId(id)
                        .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowStart + HOUR))
                        .setCoveredUntil(Instant.ofEpochMilli(windowStart + HOUR))
                        .setEnterprises(1).setAboveScaleEnterprises(0L).setEmployees(10L).setAddedValueCny(added)
                        .setOutputValueCny(0.0).setWorkerHours(0.0).setActiveDevices(0L).setNcDevices(0L).setCloudDevices(0L)
                        .setGoodUnits(0L).setDefectUnits(0L).setRunningSeconds(0L).setIdleSeconds(0L).setDownSeconds(0L)
                        .setEnergyKwh(0.0).setDigitizedProcesses(0L).setFullyDigitizedEnterprises(0L)
                        .setFullyDigitizedAboveScale(0L).setOnCloudEnterprises(0L).setSmartFactoryEnterprises(0L))
                .setRevision(revision).setFinal$(closing).setEmittedAt(WALL_CLOCK)
                .build();
    }

    /**
     * What the window stage sends for an enterprise's record: its closing record, or, for an update, the partials of
     * the enterprise's partition (which holds only it here) for chain IC, region HZ and the province.
     */
    private void record(String id, long windowStart, double added, long revision, boolean closing) {
        MetricRecord record = enterprise(id, windowStart, added, revision, closing);
        if (closing) {
            input.pipeInput(WindowStoreKeys.window(windowStart), new RollupInput(new EnterpriseClosing("IC", "HZ", record)));
            return;
        }
        int partition = Integer.parseInt(id.substring(1)) - 1;
        for (GroupKey group : GroupKey.of("IC", "HZ")) {
            input.pipeInput(WindowStoreKeys.window(windowStart),
                    new RollupInput(new GroupPartial(partition, windowStart, group.scope(), group.scopeId(), Sums.of(record))));
        }
    }

    private void closed(int partition, long through) {
        input.pipeInput(WindowStoreKeys.window(through), new RollupInput(new ProgressMarker(partition, through, false)));
    }

    private List<KeyValue<String, MetricRecord>> finals() {
        return output.readKeyValuesToList().stream().filter(kv -> kv.value.getFinal$()).toList();
    }

    @Test
    void aWindowIsFinalOnlyOnceEveryPartitionHasClosedIt() {
        // Given E1, E2, E3 of partitions 0, 1, 2 in the 10:00 window
        record("E1", W10, 100, 1, false);
        record("E2", W10, 200, 1, false);
        record("E3", W10, 400, 1, false);
        // When partitions 0 and 1 close it, while partition 2 is still counting E3's events
        record("E1", W10, 100, 2, true);
        closed(0, W10);
        record("E2", W10, 200, 2, true);
        closed(1, W10);
        record("E3", W10, 450, 2, false);
        // Then the roll-ups are updated, and nothing is final
        assertTrue(finals().isEmpty());
        // When partition 2 closes it too
        record("E3", W10, 450, 3, true);
        closed(2, W10);
        // Then every enterprise and roll-up of the window has its final
        List<KeyValue<String, MetricRecord>> finals = finals();
        assertEquals(List.of("ENTERPRISE:E1:2026-03-01T10:00:00Z", "ENTERPRISE:E2:2026-03-01T10:00:00Z",
                "ENTERPRISE:E3:2026-03-01T10:00:00Z", "INDUSTRY_CHAIN:IC:2026-03-01T10:00:00Z", "REGION:HZ:2026-03-01T10:00:00Z",
                "PROVINCE:ZJ:2026-03-01T10:00:00Z"), finals.stream().map(kv -> kv.key).toList());
        assertEquals(750.0, finals.get(5).value.getAddedValueCny(), 1e-9);
        assertEquals(3, finals.get(2).value.getRevision(), "E3's final keeps its closing record's revision");
        // and a partition repeating its mark (as after a restart) or moving on adds no second final
        closed(0, W10);
        closed(1, W11);
        assertTrue(output.isEmpty());
    }

    @Test
    void aPartitionThatHasNotReportedHoldsBackEveryWindowUntilItDoes() {
        // (a window-stage partition always sends an enterprise's update, and so its partials, before its closing record)
        record("E1", W10, 100, 1, false);
        record("E1", W10, 100, 2, true);
        record("E1", W11, 100, 1, false);
        record("E1", W11, 100, 2, true);
        record("E2", W11, 200, 1, false);
        record("E2", W11, 200, 2, true);
        closed(0, W11);
        closed(1, W12);
        assertTrue(finals().isEmpty(), "partition 2 has never reported");
        // When partition 2's stream time jumps past both windows at once
        closed(2, W11);
        // Then both windows are final, in window order
        assertEquals(List.of("ENTERPRISE:E1:2026-03-01T10:00:00Z", "INDUSTRY_CHAIN:IC:2026-03-01T10:00:00Z",
                        "REGION:HZ:2026-03-01T10:00:00Z", "PROVINCE:ZJ:2026-03-01T10:00:00Z",
                        "ENTERPRISE:E1:2026-03-01T11:00:00Z", "ENTERPRISE:E2:2026-03-01T11:00:00Z",
                        "INDUSTRY_CHAIN:IC:2026-03-01T11:00:00Z", "REGION:HZ:2026-03-01T11:00:00Z", "PROVINCE:ZJ:2026-03-01T11:00:00Z"),
                finals().stream().map(kv -> kv.key).toList());
    }

    @Test
    void aMarkFromAPartitionTheTopologyDoesNotKnowStopsTheTask() {
        StreamsException failure = assertThrows(StreamsException.class, () -> closed(3, W10));
        assertTrue(failure.getCause().getMessage().contains("built for 3 partitions"), failure.getCause().getMessage());
    }

    @Test
    void aRecordForAWindowClosedEverywhereIsABugThatStopsTheTask() {
        closed(0, W10);
        closed(1, W10);
        closed(2, W10);
        StreamsException failure = assertThrows(StreamsException.class, () -> record("E1", W10, 100, 1, false));
        assertTrue(failure.getCause().getMessage().contains("after every window-stage partition had closed it"),
                failure.getCause().getMessage());
    }

    @Test
    void aFinalWaitsForTheClosingRecordsOfTheWindowNotJustForTheMarks() {
        // The window stage sends a partition's closing records before its mark; a mark overtaking them is a bug: the
        // partials count an enterprise whose closing record never came.
        record("E1", W10, 100, 1, false);
        closed(0, W10);
        closed(1, W10);
        StreamsException failure = assertThrows(StreamsException.class, () -> closed(2, W10));
        assertTrue(failure.getCause().getMessage().contains("partials count 1 enterprises, but 0 closing records arrived"), failure.getCause().getMessage());
    }
}
