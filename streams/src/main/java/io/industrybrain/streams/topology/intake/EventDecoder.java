package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.DeserializationFailure;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryException;
import io.industrybrain.topics.TopicNames;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the value bytes of an event topic into its contract record through the project's serde.
 * Thread-safe (the deserializers cache per schema id), so one instance serves every task.
 */
public final class EventDecoder {

    private final Map<String, EventKind> kindByTopic;
    private final Map<EventKind, AvroDeserializer<? extends SpecificRecord>> deserializers;

    public EventDecoder(SchemaRegistryClient registry, TopicNames topics) {
        this.kindByTopic = Map.of(
                topics.telemetry(), EventKind.TELEMETRY,
                topics.production(), EventKind.PRODUCTION,
                topics.shifts(), EventKind.SHIFT,
                topics.processes(), EventKind.PROCESS);
        this.deserializers = Map.of(
                EventKind.TELEMETRY, new AvroDeserializer<>(registry, MachineTelemetry.class),
                EventKind.PRODUCTION, new AvroDeserializer<>(registry, ProductionOutput.class),
                EventKind.SHIFT, new AvroDeserializer<>(registry, WorkShift.class),
                EventKind.PROCESS, new AvroDeserializer<>(registry, ProcessHeartbeat.class));
    }

    /** The kind of event an input topic carries. */
    public EventKind kindOf(String topic) {
        EventKind kind = kindByTopic.get(topic);
        if (kind == null) {
            throw new IllegalArgumentException(topic + " is not an event topic");
        }
        return kind;
    }

    /**
     * @throws DeserializationFailure when the bytes are not a record of the kind: the record's fault
     * @throws SchemaRegistryException when the registry cannot be asked: not the record's fault
     */
    public DecodedEvent decode(EventKind kind, String topic, byte[] value) {
        return new DecodedEvent(kind, deserializers.get(kind).deserialize(topic, value));
    }
}
