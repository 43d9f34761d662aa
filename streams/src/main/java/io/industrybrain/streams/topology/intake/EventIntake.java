package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.serde.DeserializationFailure;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.Routed;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetter;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.SourceRecord;
import io.industrybrain.streams.topology.ledger.IntakeOutcomes;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first verdict on an event record, taken before anything depends on it: decode it
 * (DESERIALIZATION), check its ranges (INVALID), find its enterprise in the current reference data
 * (UNKNOWN_ENTERPRISE). A record that passes is re-keyed by enterpriseId and stamped with its eventTime
 * for the window stage, carrying its decoded record and its source record along. A record that does not pass goes to the
 * dead-letter branch as received and never reaches the window stage, so it cannot move stream time.
 *
 * <p>A registry that cannot be reached throws: the task fails and, under exactly-once, the record is
 * processed again later rather than dead-lettered for a fault that is not its own.
 */
public final class EventIntake implements Processor<byte[], byte[], String, Routed<AdmittedEvent>> {

    private final EventDecoder decoder;
    private final EventValidator validator;
    private final OutcomeCounters counters;
    private final DecodedReferenceTable<Enterprise> decodedEnterprises;
    private ProcessorContext<String, Routed<AdmittedEvent>> context;
    private EnterpriseResolver enterprises;
    private IntakeOutcomes outcomes;

    public EventIntake(EventDecoder decoder, EventValidator validator, OutcomeCounters counters,
                       DecodedReferenceTable<Enterprise> decodedEnterprises) {
        this.decoder = decoder;
        this.validator = validator;
        this.counters = counters;
        this.decodedEnterprises = decodedEnterprises;
    }

    @Override
    public void init(ProcessorContext<String, Routed<AdmittedEvent>> context) {
        this.context = context;
        this.enterprises = new EnterpriseResolver(decodedEnterprises, context.getStateStore(TopologyNames.ENTERPRISES_STORE));
        this.outcomes = new IntakeOutcomes(context, counters);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        SourceRecord source = SourceRecords.capture(metadata, record);
        if (record.value() == null) {
            reject(record, source, DeadLetterReason.DESERIALIZATION, "no value: event topics do not take tombstones");
            return;
        }
        EventKind kind = decoder.kindOf(metadata.topic());
        DecodedEvent event;
        try {
            event = decoder.decode(kind, metadata.topic(), record.value());
        } catch (DeserializationFailure e) {
            reject(record, source, DeadLetterReason.DESERIALIZATION, e.kind() + ": " + e.getMessage());
            return;
        }
        Optional<String> problems = validator.problemsWith(event);
        if (problems.isPresent()) {
            reject(record, source, DeadLetterReason.INVALID, problems.get());
            return;
        }
        if (enterprises.resolve(event.enterpriseId()).isEmpty()) {
            reject(record, source, DeadLetterReason.UNKNOWN_ENTERPRISE,
                    "no reference record for enterpriseId '" + event.enterpriseId() + "'");
            return;
        }
        AdmittedEvent admitted = admitted(event, source);
        outcomes.forwarded(metadata.topic());
        // The source's headers travel inside the envelope; the repartition record needs none of its own.
        context.forward(new Record<>(event.enterpriseId(), new Routed.Pass<>(admitted), admitted.getEventTime()));
    }

    /** The envelope an admitted event travels to the window stage in; its intake progress is stamped next. */
    public static AdmittedEvent admitted(DecodedEvent event, SourceRecord source) {
        return new AdmittedEvent(event.enterpriseId(), event.eventTime().toEpochMilli(), null, event.value(), source);
    }

    private void reject(Record<byte[], byte[]> record, SourceRecord source, DeadLetterReason reason, String error) {
        outcomes.rejected(source.getTopic(), reason);
        context.forward(new Record<>(null, new Routed.Dead<>(DeadLetter.of(source, reason, error)), record.timestamp()));
    }
}
