package io.industrybrain.streams.topology;

import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.progress.Broadcast;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * What travels from intake to the window stage on the by-enterprise repartition topic: admitted events, keyed by
 * enterpriseId so that all of an enterprise's events meet in one window-stage task, and every intake task's
 * progress markers, copied to every partition because every window-stage task may receive events from every
 * intake task and so has to wait for each of them (see the package {@code progress}).
 */
public final class ByEnterpriseTopic {

    /** The value schema: an Avro union of the two. */
    private static final Schema VALUE_SCHEMA = Schema.createUnion(AdmittedEvent.getClassSchema(), ProgressMarker.getClassSchema());

    private ByEnterpriseTopic() { }

    /** Values in single-object encoding, like every internal record (see {@link InternalAvroSerde}). */
    public static Serde<SpecificRecord> valueSerde() {
        return new InternalAvroSerde<>(SpecificData.getForClass(AdmittedEvent.class), VALUE_SCHEMA);
    }

    /** Markers to every partition; events where the producer's own key hash puts them. */
    public static StreamPartitioner<String, SpecificRecord> partitioner() {
        return Broadcast.markers(value -> value instanceof ProgressMarker);
    }
}
