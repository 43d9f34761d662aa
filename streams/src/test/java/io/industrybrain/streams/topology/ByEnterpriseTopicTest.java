package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.EventKind;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.junit.jupiter.api.Test;

class ByEnterpriseTopicTest {

    private static final String TOPIC = "enterprise-metrics-by-enterprise-repartition";

    private final Serde<SpecificRecord> serde = ByEnterpriseTopic.valueSerde();
    private final AdmittedEvent event = AdmittedEvent.newBuilder()
            .setKind(EventKind.SHIFT).setEnterpriseId("E1").setEventTime(1_772_359_200_000L).setDuplicateKey("shift|S1")
            .setSource(SourceRecord.newBuilder().setTopic("brain.shifts").setPartition(2).setOffset(9).setTimestamp(5)
                    .setHeaders(List.of()).build())
            .build();

    @Test
    void eventsAndMarkersReadBackAsTheyWereWritten() {
        WatermarkMarker marker = new WatermarkMarker(4, 1_772_359_200_000L, true);
        assertEquals(event, roundTrip(event));
        assertEquals(marker, roundTrip(marker));
        WatermarkMarker unknownProgress = new WatermarkMarker(0, null, true);
        assertEquals(unknownProgress, roundTrip(unknownProgress));
    }

    @Test
    void anEventWrittenBeforeMarkersExistedStillReads() {
        // What the previous version put on the topic: a bare AdmittedEvent, not the union
        byte[] previous = new InternalAvroSerde<>(AdmittedEvent.getEncoder(), AdmittedEvent.getDecoder()).serializer().serialize(TOPIC, event);
        assertEquals(event, serde.deserializer().deserialize(TOPIC, previous));
    }

    @Test
    void markersGoToEveryPartitionAndEventsWhereTheirKeyHashes() {
        StreamPartitioner<String, SpecificRecord> partitioner = ByEnterpriseTopic.partitioner();
        assertEquals(Optional.of(Set.of(0, 1, 2, 3, 4, 5)), partitioner.partitions(TOPIC, "watermark-2", new WatermarkMarker(2, null, false), 6));
        assertEquals(Optional.of(Set.of(0)), partitioner.partitions(TOPIC, "watermark-0", new WatermarkMarker(0, 7L, false), 1));
        assertEquals(Optional.empty(), partitioner.partitions(TOPIC, "E1", event, 6));
    }

    private SpecificRecord roundTrip(SpecificRecord value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }
}
