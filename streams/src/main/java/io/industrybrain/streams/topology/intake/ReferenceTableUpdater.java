package io.industrybrain.streams.topology.intake;

import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.DeserializationFailure;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global table current from a compacted reference topic ({@code brain.enterprises},
 * {@code brain.targets}): a valid record replaces the value of its key, a tombstone removes the key (for
 * enterprises: its later events are UNKNOWN_ENTERPRISE).
 *
 * <p>A record that does not decode or is invalid (e.g. {@code employees <= 0}) is <em>not applied</em>:
 * the key keeps its last valid value, or stays unknown. It is logged (one line, with topic, partition,
 * offset and the problem) and counted as ignored in {@link OutcomeCounters}, but it is not written to
 * {@code brain.dlq}: a global table is updated by a thread that cannot produce. The record stays in the
 * compacted topic; publishing a corrected record for the same key fixes it. Kafka Streams re-reads the
 * topic through this processor at start, so the rule also holds after a restore.
 */
public final class ReferenceTableUpdater<T extends SpecificRecord> implements Processor<byte[], byte[], Void, Void> {

    /** What makes a decoded reference record unusable under its key. */
    @FunctionalInterface
    public interface Validation<T> {
        /** A readable list of every problem, or empty when the record is valid. */
        Optional<String> problemsWith(T value, String key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTableUpdater.class);

    private final AvroDeserializer<T> deserializer;
    private final String storeName;
    private final Validation<T> validation;
    private final OutcomeCounters counters;
    private final DecodedReferenceTable<T> decoded;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, T> table;

    /**
     * @param decoded kept as the store is, for readers that look keys up one at a time (one per table and topology);
     *                null for a table read only through its store
     */
    public ReferenceTableUpdater(SchemaRegistryClient registry, Class<T> type, String storeName, Validation<T> validation,
                                 OutcomeCounters counters, DecodedReferenceTable<T> decoded) {
        this.deserializer = new AvroDeserializer<>(registry, type);
        this.storeName = storeName;
        this.validation = validation;
        this.counters = counters;
        this.decoded = decoded;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.table = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (record.key() == null) {
            ignore(source, DeadLetterReason.INVALID, "no key: reference records are keyed");
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            table.delete(key);
            if (decoded != null) {
                decoded.removed(key);
            }
            counters.referenceApplied(source.topic());
            return;
        }
        T value;
        try {
            value = deserializer.deserialize(source.topic(), record.value());
        } catch (DeserializationFailure e) {
            ignore(source, DeadLetterReason.DESERIALIZATION, e.kind() + ": " + e.getMessage());
            return;
        }
        Optional<String> problems = validation.problemsWith(value, key);
        if (problems.isPresent()) {
            ignore(source, DeadLetterReason.INVALID, problems.get());
            return;
        }
        table.put(key, value);
        if (decoded != null) {
            decoded.applied(key, value);
        }
        counters.referenceApplied(source.topic());
    }

    private void ignore(RecordMetadata source, DeadLetterReason reason, String problem) {
        LOG.warn("Reference record {}-{}@{} not applied ({}): {}",
                source.topic(), source.partition(), source.offset(), reason, problem);
        counters.referenceIgnored(source.topic(), reason);
    }
}
