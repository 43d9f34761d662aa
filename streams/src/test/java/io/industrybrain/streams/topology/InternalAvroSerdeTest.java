package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.schema.Period;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.EnterpriseClosing;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.SourceHeader;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalAvroSerdeTest {

    private final InternalAvroSerde<AdmittedEvent> events = InternalAvroSerde.of(AdmittedEvent.class);
    private final InternalAvroSerde<EnterpriseWindowState> states =
            InternalAvroSerde.of(EnterpriseWindowState.class);

    /**
     * A closing record kept in the roll-up stage's store (or in flight on its repartition topic) by the release before
     * the period records, whose MetricRecord had none of their fields: it still reads, the new fields at their defaults.
     */
    @Test
    void aRecordWrittenWithThePreviousReleasesSchemaStillReads() throws Exception {
        Schema previous;
        try (var in = InternalAvroSerde.class.getResourceAsStream("previous/EnterpriseClosing.v1.avsc")) {
            previous = new Schema.Parser().parse(in);
        }
        GenericRecord record = new GenericData.Record(previous.getField("record").schema());
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = switch (field.name()) {
                case "scope" -> new GenericData.EnumSymbol(field.schema(), "ENTERPRISE");
                case "scopeId" -> "E1";
                case "windowStart", "emittedAt" -> 1_772_359_200_000L;
                case "windowEnd" -> 1_772_362_800_000L;
                case "enterprises", "revision", "lateEventsInGrace", "duplicatesDropped" -> 1L;
                case "addedValueCny" -> 30_000.0;
                case "chainPercentiles", "targetGaps" -> java.util.Map.of();
                case "suppressed", "final" -> true;
                default -> null;
            };
            record.put(field.name(), value);
        }
        GenericRecord closing = new GenericData.Record(previous);
        closing.put("industryChain", "IC");
        closing.put("region", "HZ");
        closing.put("record", record);
        byte[] written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), previous).encode(closing).array();

        EnterpriseClosing read = InternalAvroSerde.of(EnterpriseClosing.class).deserializer().deserialize("t", written);

        assertEquals("IC", read.getIndustryChain());
        assertEquals(30_000.0, read.getRecord().getAddedValueCny());
        assertEquals(Period.WINDOW, read.getRecord().getPeriod());
        assertNull(read.getRecord().getCoveredUntil());
        assertEquals(java.util.Map.of(), read.getRecord().getTrajectoryGaps());
    }

    @Test
    void anEnvelopeKeepsTheSourceBytesAndNullsExactly() {
        byte[] value = {0, 0, 0, 0, 1, (byte) 0xff, 7};
        AdmittedEvent event = AdmittedEvent.newBuilder()
                .setEnterpriseId("E1").setEventTime(1_772_359_200_000L)
                .setEvent(Events.sample("D1", "E1", 7, Instant.ofEpochMilli(1_772_359_200_000L)))
                .setSource(SourceRecord.newBuilder()
                        .setTopic("brain.telemetry").setPartition(3).setOffset(42).setTimestamp(5)
                        .setKey(null).setValue(ByteBuffer.wrap(value))
                        .setHeaders(List.of(new SourceHeader("h", null), new SourceHeader("trace", ByteBuffer.wrap(new byte[] {1}))))
                        .build())
                .build();
        AdmittedEvent read = events.deserializer().deserialize("t", events.serializer().serialize("t", event));
        assertEquals(event, read);
        assertNull(read.getSource().getKey());
        byte[] readValue = new byte[read.getSource().getValue().remaining()];
        read.getSource().getValue().get(readValue);
        assertArrayEquals(value, readValue);
    }

    @Test
    void aWindowStateRoundTrips() {
        EnterpriseWindowState state = EnterpriseWindowState.newBuilder()
                .setEnterpriseId("E1").setWindowStart(0).setAboveScale(true).setEmployees(100).setIndustryChain("IC")
                .setActiveDevices(3).setNcDevices(2).setDigitizedProcesses(0b1000_0001)
                .setEnergyKwh(4.8).setRevision(3).setLastEventTime(99L).setUpdatePending(true)
                .build();
        assertEquals(state, states.deserializer().deserialize("t", states.serializer().serialize("t", state)));
        DeviceWindowState device = new DeviceWindowState(7L, true, false, List.of(1L, 3L, 5L, 7L));
        InternalAvroSerde<DeviceWindowState> devices = InternalAvroSerde.of(DeviceWindowState.class);
        assertEquals(device, devices.deserializer().deserialize("t", devices.serializer().serialize("t", device)));
    }

    @Test
    void theBytesAreAvrosOwnSingleObjectEncodingSoStateWrittenBeforeStillReads() throws Exception {
        EnterpriseWindowState state = EnterpriseWindowState.newBuilder()
                .setEnterpriseId("E1").setWindowStart(3_600_000).setAboveScale(false).setEmployees(7).setIndustryChain("IC")
                .setEnergyKwh(1.5).setRevision(1).setLastEventTime(null).setUpdatePending(false)
                .build();
        ByteBuffer avros = EnterpriseWindowState.getEncoder().encode(state);
        byte[] expected = new byte[avros.remaining()];
        avros.get(expected);
        assertArrayEquals(expected, states.serializer().serialize("t", state));
    }

    @Test
    void bytesOfAnotherSchemaAreRefused() {
        byte[] envelope = events.serializer().serialize("t", AdmittedEvent.newBuilder()
                .setEnterpriseId("E1").setEventTime(0).setEvent(Events.sample("D1", "E1", 1, Instant.EPOCH))
                .setSource(SourceRecord.newBuilder().setTopic("t").setPartition(0).setOffset(0).setTimestamp(0).setHeaders(List.of()).build())
                .build());
        assertThrows(SerializationException.class, () -> states.deserializer().deserialize("t", envelope));
    }
}
