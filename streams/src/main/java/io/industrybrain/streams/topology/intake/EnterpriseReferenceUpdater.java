package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.DeserializationFailure;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global enterprise table current from {@code brain.enterprises}: a valid record replaces the
 * enterprise's reference data, a tombstone removes the enterprise (its later events are UNKNOWN_ENTERPRISE).
 *
 * <p>A record that does not decode or is invalid (e.g. {@code employees <= 0}) is <em>not applied</em>:
 * the enterprise keeps its last valid reference data, or stays unknown. It is logged (one line, with
 * topic, partition, offset and the problem) and counted as ignored in {@link OutcomeCounters}, but it is
 * not written to {@code brain.dlq}: a global table is updated by a thread that cannot produce. The record
 * stays in the compacted topic; publishing a corrected record for the same key fixes it. Kafka Streams
 * re-reads the topic through this processor at start, so the rule also holds after a restore.
 */
public final class EnterpriseReferenceUpdater implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseReferenceUpdater.class);

    private final AvroDeserializer<Enterprise> deserializer;
    private final EventValidator validator;
    private final OutcomeCounters counters;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Enterprise> enterprises;

    public EnterpriseReferenceUpdater(SchemaRegistryClient registry, EventValidator validator, OutcomeCounters counters) {
        this.deserializer = new AvroDeserializer<>(registry, Enterprise.class);
        this.validator = validator;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.enterprises = context.getStateStore(TopologyNames.ENTERPRISES_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (record.key() == null) {
            ignore(source, DeadLetterReason.INVALID, "no key: reference records are keyed by enterpriseId");
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            enterprises.delete(key);
            counters.referenceApplied(source.topic());
            return;
        }
        Enterprise enterprise;
        try {
            enterprise = deserializer.deserialize(source.topic(), record.value());
        } catch (DeserializationFailure e) {
            ignore(source, DeadLetterReason.DESERIALIZATION, e.kind() + ": " + e.getMessage());
            return;
        }
        Optional<String> problems = validator.problemsWith(enterprise, key);
        if (problems.isPresent()) {
            ignore(source, DeadLetterReason.INVALID, problems.get());
            return;
        }
        enterprises.put(key, enterprise);
        counters.referenceApplied(source.topic());
    }

    private void ignore(RecordMetadata source, DeadLetterReason reason, String problem) {
        LOG.warn("Reference record {}-{}@{} not applied ({}): {}",
                source.topic(), source.partition(), source.offset(), reason, problem);
        counters.referenceIgnored(source.topic(), reason);
    }
}
