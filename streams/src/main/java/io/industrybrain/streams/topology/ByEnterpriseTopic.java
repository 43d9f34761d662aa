package io.industrybrain.streams.topology;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * What travels from intake to the window stage on the by-enterprise repartition topic: admitted events,
 * keyed by enterpriseId so that all of an enterprise's events meet in one window-stage task, and every
 * intake task's watermark markers, copied to every partition because every window-stage task may receive
 * events from every intake task and so has to wait for each of them.
 */
public final class ByEnterpriseTopic {

    /**
     * The value schema: an Avro union of the two. A record written before markers existed (a bare
     * AdmittedEvent, in flight across an upgrade) still reads, as the union's AdmittedEvent branch.
     */
    private static final Schema VALUE_SCHEMA = Schema.createUnion(AdmittedEvent.getClassSchema(), WatermarkMarker.getClassSchema());

    private ByEnterpriseTopic() { }

    /** Values in single-object encoding, like every internal record (see {@link InternalAvroSerde}). */
    public static Serde<SpecificRecord> valueSerde() {
        SpecificData model = SpecificData.getForClass(AdmittedEvent.class);
        BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(model, VALUE_SCHEMA);
        decoder.addSchema(AdmittedEvent.getClassSchema());
        return new InternalAvroSerde<>(new BinaryMessageEncoder<>(model, VALUE_SCHEMA), decoder);
    }

    /**
     * Markers to every partition; events where the producer's own key hash puts them, exactly as before
     * markers existed, so that an enterprise's open windows stay in the task that holds them.
     */
    public static StreamPartitioner<String, SpecificRecord> partitioner() {
        return (topic, key, value, partitions) -> value instanceof WatermarkMarker
                ? Optional.of(everyPartition(partitions))
                : Optional.empty();
    }

    private static Set<Integer> everyPartition(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
    }
}
