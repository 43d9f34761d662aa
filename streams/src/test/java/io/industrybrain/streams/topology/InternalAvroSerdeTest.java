package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.DeviceLastSample;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.EventKind;
import io.industrybrain.streams.topology.internal.SourceHeader;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalAvroSerdeTest {

    private final InternalAvroSerde<AdmittedEvent> events = new InternalAvroSerde<>(AdmittedEvent.getEncoder(), AdmittedEvent.getDecoder());
    private final InternalAvroSerde<EnterpriseWindowState> states =
            new InternalAvroSerde<>(EnterpriseWindowState.getEncoder(), EnterpriseWindowState.getDecoder());

    @Test
    void anEnvelopeKeepsTheSourceBytesAndNullsExactly() {
        byte[] value = {0, 0, 0, 0, 1, (byte) 0xff, 7};
        AdmittedEvent event = AdmittedEvent.newBuilder()
                .setKind(EventKind.TELEMETRY).setEnterpriseId("E1").setEventTime(1_772_359_200_000L).setDuplicateKey(null)
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
        Map<String, DeviceLastSample> devices = new HashMap<>(Map.of("D1", new DeviceLastSample(7L, true, false)));
        EnterpriseWindowState state = EnterpriseWindowState.newBuilder()
                .setEnterpriseId("E1").setWindowStart(0).setAboveScale(true).setEmployees(100)
                .setDevices(devices).setDigitizedProcesses(new ArrayList<>(List.of("SALES")))
                .setEnergyKwh(4.8).setRevision(3).setLastEventTime(99L).setUpdatePending(true)
                .build();
        assertEquals(state, states.deserializer().deserialize("t", states.serializer().serialize("t", state)));
    }

    @Test
    void bytesOfAnotherSchemaAreRefused() {
        byte[] envelope = events.serializer().serialize("t", AdmittedEvent.newBuilder()
                .setKind(EventKind.PROCESS).setEnterpriseId("E1").setEventTime(0)
                .setSource(SourceRecord.newBuilder().setTopic("t").setPartition(0).setOffset(0).setTimestamp(0).setHeaders(List.of()).build())
                .build());
        assertThrows(SerializationException.class, () -> states.deserializer().deserialize("t", envelope));
    }
}
