package io.industrybrain.streams.topology;

import static io.industrybrain.streams.topology.EnterpriseMetricsHarness.WALL_CLOCK;
import static io.industrybrain.streams.topology.EnterpriseMetricsHarness.header;
import static io.industrybrain.streams.topology.EnterpriseMetricsHarness.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.serde.WireFormat;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dead-letter reason: the record goes to brain.dlq unchanged, with all headers, and touches no metric. */
class DeadLetterTest {

    private static final Instant T1005 = Instant.parse("2026-03-01T10:05:00Z");

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;
    private String telemetry;

    @BeforeEach
    void start() {
        harness = new EnterpriseMetricsHarness(stateDir);
        telemetry = harness.topics.telemetry();
        harness.enterprise(Events.enterprise("E1", true, 100));
    }

    @AfterEach
    void outcomesBalanceAfterEveryTest() {
        harness.closeAfterCheckingOutcomes();
    }

    @Test
    void bytesThatAreNotTheWireFormatAreDeadLetteredAsDeserialization() {
        // Given bytes that do not start with the magic byte
        byte[] value = utf8("{\"deviceId\":\"D1\"}");
        // When they arrive on the telemetry topic
        harness.pipe(telemetry, utf8("D1"), value);
        // Then they are dead-lettered unchanged
        String error = harness.assertNextDeadLetter(utf8("D1"), value, DeadLetterReason.DESERIALIZATION, telemetry, 0);
        assertTrue(error.contains("NOT_WIRE_FORMAT"), error);
        assertNothingElse();
    }

    @Test
    void anUnknownSchemaIdIsDeadLetteredAsDeserialization() {
        byte[] value = concat(WireFormat.header(4711), new byte[] {2, 4, 6});
        harness.pipe(telemetry, utf8("D1"), value);
        String error = harness.assertNextDeadLetter(utf8("D1"), value, DeadLetterReason.DESERIALIZATION, telemetry, 0);
        assertTrue(error.contains("4711"), error);
        assertNothingElse();
    }

    @Test
    void aBodyThatDoesNotDecodeIsDeadLetteredAsDeserialization() {
        // Given a valid sample's bytes cut short: header and schema id fine, body truncated
        byte[] whole = harness.telemetry(Events.sample("D1", "E1", 1, T1005));
        harness.updates.readRecordsToList();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        harness.pipe(telemetry, utf8("D1"), truncated);
        String error = harness.assertNextDeadLetter(utf8("D1"), truncated, DeadLetterReason.DESERIALIZATION, telemetry, 1);
        assertTrue(error.contains("UNDECODABLE"), error);
        assertNothingElse();
    }

    @Test
    void aTombstoneOnAnEventTopicIsDeadLetteredAsDeserialization() {
        harness.pipe(harness.topics.production(), utf8("E1"), null);
        String error = harness.assertNextDeadLetter(utf8("E1"), null, DeadLetterReason.DESERIALIZATION, harness.topics.production(), 0);
        assertTrue(error.contains("no value"), error);
        assertNothingElse();
    }

    @Test
    void theInputRecordsOwnHeadersAndTimestampAreKept() {
        // Given a record with a tracing header and its own timestamp
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8("00-abc-01"));
        Instant published = Instant.parse("2026-03-01T11:59:00Z");
        byte[] value = utf8("garbage");
        harness.pipe(new TestRecord<>(utf8("D1"), value, headers, published), telemetry);
        // Then the dead letter carries it next to its own headers, and the original timestamp
        TestRecord<byte[], byte[]> letter = harness.deadLetters.readRecord();
        assertEquals("00-abc-01", header(letter.headers(), "traceparent"));
        assertEquals("DESERIALIZATION", header(letter.headers(), DeadLetterHeaders.REASON));
        assertEquals(published, letter.getRecordTime());
        assertArrayEquals(value, letter.value());
        assertNothingElse();
    }

    @Test
    void eachOutOfRangeFieldIsDeadLetteredAsInvalid() {
        // Given one sample per rule of the contract, each otherwise valid
        Map<String, MachineTelemetry> bad = Map.of(
                "goodUnits", with(s -> s.setGoodUnits(-1)),
                "defectUnits", with(s -> s.setDefectUnits(-5)),
                "energyKwh must be a finite", with(s -> s.setEnergyKwh(Double.NaN)),
                "energyKwh must be >= 0", with(s -> s.setEnergyKwh(-0.1)),
                "sampleSeconds", with(s -> s.setSampleSeconds(0)),
                "deviceId is empty", with(s -> s.setDeviceId("")),
                "enterpriseId is empty", with(s -> s.setEnterpriseId(" ")),
                "lineId is empty", with(s -> s.setLineId("")),
                "ahead of the wall clock", with(s -> s.setEventTime(WALL_CLOCK.plus(Duration.ofMinutes(5)).plusMillis(1))));
        long offset = 0;
        for (Map.Entry<String, MachineTelemetry> rule : bad.entrySet()) {
            // When it arrives
            byte[] value = harness.telemetry(rule.getValue());
            // Then it is dead-lettered as INVALID, naming the field
            String error = harness.assertNextDeadLetter(utf8(rule.getValue().getDeviceId()), value, DeadLetterReason.INVALID, telemetry, offset++);
            assertTrue(error.contains(rule.getKey()), () -> rule.getKey() + " not in: " + error);
        }
        assertNothingElse();
        assertEquals(bad.size(), harness.counters.snapshot(telemetry).deadLettered(DeadLetterReason.INVALID));
    }

    @Test
    void outOfRangeProductionShiftAndHeartbeatFieldsAreInvalid() {
        Instant at = T1005;
        byte[] batch = harness.production(Events.batch("B1", "E1", at, Double.POSITIVE_INFINITY, 1));
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), batch, DeadLetterReason.INVALID, harness.topics.production(), 0)
                .contains("outputValueCny"));
        byte[] negativeQuantity = harness.production(io.industrybrain.schema.ProductionOutput.newBuilder(
                Events.batch("B2", "E1", at, 1, 1)).setQuantity(-1).build());
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), negativeQuantity, DeadLetterReason.INVALID, harness.topics.production(), 1)
                .contains("quantity"));
        byte[] longShift = harness.shift(Events.shift("S1", "E1", at, 3, 24.5));
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), longShift, DeadLetterReason.INVALID, harness.topics.shifts(), 0)
                .contains("hours"));
        byte[] negativeWorkers = harness.shift(Events.shift("S2", "E1", at, -3, 8));
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), negativeWorkers, DeadLetterReason.INVALID, harness.topics.shifts(), 1)
                .contains("workers"));
        byte[] noShiftId = harness.shift(Events.shift("", "E1", at, 3, 8));
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), noShiftId, DeadLetterReason.INVALID, harness.topics.shifts(), 2)
                .contains("shiftId"));
        byte[] heartbeat = harness.heartbeat(Events.heartbeat("E1", io.industrybrain.schema.KeyProcess.SALES,
                io.industrybrain.schema.Hosting.ON_PREMISES, true, WALL_CLOCK.plus(Duration.ofHours(1))));
        assertTrue(harness.assertNextDeadLetter(utf8("E1"), heartbeat, DeadLetterReason.INVALID, harness.topics.processes(), 0)
                .contains("ahead of the wall clock"));
        assertNothingElse();
    }

    @Test
    void anEventTimeExactlyFiveMinutesAheadIsStillAccepted() {
        harness.telemetry(Events.sample("D1", "E1", 1, WALL_CLOCK.plus(Duration.ofMinutes(5))));
        assertEquals(1, harness.updates.readRecordsToList().size());
        assertTrue(harness.deadLetters.isEmpty());
        harness.assertOutcomesBalance();
    }

    @Test
    void aFutureDatedRecordDoesNotCloseAnyWindow() {
        // Given E1's 10:00 window is open
        harness.telemetry(Events.sample("D1", "E1", 1, T1005));
        // When a gateway with a wrong clock sends a sample dated 13:00 (one hour ahead of the wall clock)
        byte[] future = harness.telemetry(Events.sample("D2", "E1", 1, Instant.parse("2026-03-01T13:00:00Z")));
        harness.assertNextDeadLetter(utf8("D2"), future, DeadLetterReason.INVALID, telemetry, 1);
        // Then a later sample of the 10:00 window is still counted there: the window did not close
        harness.telemetry(Events.sample("D1", "E1", 2, Instant.parse("2026-03-01T10:30:00Z")));
        MetricRecord second = harness.updates.readRecordsToList().get(1).value();
        assertEquals(2, second.getRevision());
        assertEquals(0, second.getLateEventsInGrace());
        assertTrue(harness.finals.isEmpty());
        assertNothingElse();
    }

    @Test
    void anEventOfAnEnterpriseWithoutReferenceDataIsDeadLetteredAsUnknownEnterprise() {
        byte[] value = harness.telemetry(Events.sample("D7", "E404", 1, T1005));
        String error = harness.assertNextDeadLetter(utf8("D7"), value, DeadLetterReason.UNKNOWN_ENTERPRISE, telemetry, 0);
        assertTrue(error.contains("E404"), error);
        assertNothingElse();
    }

    @Test
    void anEventAfterItsWindowClosedIsDeadLetteredAsLate() {
        // Given stream time at 11:10, which closes the 10:00 window (end 11:00 + grace 10 min)
        harness.telemetry(Events.sample("D1", "E1", 1, T1005));
        harness.telemetry(Events.sample("D1", "E1", 2, Instant.parse("2026-03-01T11:10:00Z")));
        assertEquals(1, harness.finals.readRecordsToList().size());
        harness.updates.readRecordsToList();
        // When a sample of 10:55 arrives
        byte[] late = harness.telemetry(Events.sample("D2", "E1", 1, Instant.parse("2026-03-01T10:55:00Z")));
        // Then it goes to the DLQ as LATE, unchanged, with its source offset, and changes nothing
        String error = harness.assertNextDeadLetter(utf8("D2"), late, DeadLetterReason.LATE, telemetry, 2);
        assertTrue(error.contains("2026-03-01T10:00:00Z") && error.contains("closed"), error);
        assertNothingElse();
        assertEquals(1, harness.counters.snapshot(telemetry).deadLettered(DeadLetterReason.LATE));
    }

    @Test
    void aBadEnterpriseRecordIsNotAppliedAndTheEnterpriseKeepsItsLastValidData() {
        // Given E1 with 100 employees, then an update with 0 employees and a record for E2 with 0 employees
        harness.enterprise(Events.enterprise("E1", true, 0));
        harness.enterprise(Events.enterprise("E2", true, 0));
        // When events of both arrive
        harness.telemetry(Events.sample("D1", "E1", 1, T1005));
        byte[] unknown = harness.telemetry(Events.sample("D2", "E2", 1, T1005));
        // Then E1 is counted with its last valid reference data, and E2 stays unknown
        assertEquals(100L, harness.updates.readValue().getEmployees());
        harness.assertNextDeadLetter(utf8("D2"), unknown, DeadLetterReason.UNKNOWN_ENTERPRISE, telemetry, 1);
        assertNothingElse();
        assertEquals(2, harness.counters.snapshot(harness.topics.enterprises()).ignored().get(DeadLetterReason.INVALID));
    }

    @Test
    void anUnknownEnterpriseLetterRepublishedAfterItsReferenceDataArrivesIsCounted() {
        // Given a sample of E3 dead-lettered because E3 had no reference record yet
        harness.telemetry(Events.sample("D5", "E3", 1, T1005, MachineState.RUNNING, 60, 7, 0, 0.5, true, true));
        TestRecord<byte[], byte[]> letter = harness.deadLetters.readRecord();
        // When E3's reference record arrives and the letter's bytes are published again to its source topic
        harness.enterprise(Events.enterprise("E3", false, 12));
        harness.pipe(header(letter.headers(), DeadLetterHeaders.TOPIC), letter.key(), letter.value());
        // Then it is counted like any sample
        MetricRecord update = harness.updates.readValue();
        assertEquals("E3", update.getScopeId());
        assertEquals(7L, update.getGoodUnits());
        assertEquals(12L, update.getEmployees());
        assertNothingElse();
        assertEquals(1, harness.counters.snapshot(telemetry).accepted());
        assertEquals(1, harness.counters.snapshot(telemetry).deadLettered(DeadLetterReason.UNKNOWN_ENTERPRISE));
    }

    @Test
    void anEnterpriseTombstoneMakesItsLaterEventsUnknown() {
        harness.pipe(harness.topics.enterprises(), utf8("E1"), null);
        byte[] value = harness.telemetry(Events.sample("D1", "E1", 1, T1005));
        harness.assertNextDeadLetter(utf8("D1"), value, DeadLetterReason.UNKNOWN_ENTERPRISE, telemetry, 0);
        assertNothingElse();
    }

    private void assertNothingElse() {
        assertTrue(harness.deadLetters.isEmpty(), "no further dead letters");
        assertTrue(harness.updates.isEmpty(), "no updates");
        assertTrue(harness.finals.isEmpty(), "no finals");
        harness.assertOutcomesBalance();
    }

    private static MachineTelemetry with(java.util.function.Consumer<MachineTelemetry> change) {
        MachineTelemetry sample = Events.sample("D1", "E1", 1, T1005, MachineState.RUNNING, 60, 5, 0, 1.0, true, true);
        change.accept(sample);
        return sample;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
