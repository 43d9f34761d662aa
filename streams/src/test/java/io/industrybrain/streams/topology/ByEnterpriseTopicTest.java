package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.WorkShift;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.junit.jupiter.api.Test;

class ByEnterpriseTopicTest {

    private static final String TOPIC = "enterprise-metrics-events-by-enterprise-repartition";

    private final Serde<SpecificRecord> serde = ByEnterpriseTopic.valueSerde();
    private final AdmittedEvent event = new AdmittedEvent("E1", 1_772_359_200_000L, 1_772_359_100_000L,
            new WorkShift("S1", "E1", 30, 8.0, Instant.ofEpochMilli(1_772_359_200_000L)),
            SourceRecord.newBuilder().setTopic("brain.shifts").setPartition(2).setOffset(9).setTimestamp(5).setHeaders(List.of()).build());

    @Test
    void typedEventsAndMarkersReadBackAsTheyWereWritten() {
        ProgressMarker marker = new ProgressMarker(4, 1_772_359_200_000L, true);
        assertEquals(event, roundTrip(event));
        assertEquals(WorkShift.class, ((AdmittedEvent) roundTrip(event)).getEvent().getClass());
        assertEquals(marker, roundTrip(marker));
        ProgressMarker unknownProgress = new ProgressMarker(0, null, true);
        assertEquals(unknownProgress, roundTrip(unknownProgress));
    }

    @Test
    void markersGoToEveryPartitionAndEventsWhereTheirKeyHashes() {
        StreamPartitioner<String, SpecificRecord> partitioner = ByEnterpriseTopic.partitioner();
        assertEquals(Optional.of(Set.of(0, 1, 2, 3, 4, 5)), partitioner.partitions(TOPIC, "progress-2", new ProgressMarker(2, null, false), 6));
        assertEquals(Optional.of(Set.of(0)), partitioner.partitions(TOPIC, "progress-0", new ProgressMarker(0, 7L, false), 1));
        assertEquals(Optional.empty(), partitioner.partitions(TOPIC, "E1", event, 6));
    }

    private SpecificRecord roundTrip(SpecificRecord value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }
}
