package io.industrybrain.streams.topology.ledger;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.streams.topology.internal.SourceRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * What a window-stage task decided about each event intake forwarded: counted, dropped as a duplicate, or
 * dead-lettered as LATE; counted per intake task (the source partition), which the ledger's rows need.
 */
public final class SettledOutcomes {

    private final TaskOutcomes ledger;
    private final OutcomeCounters instance;

    /** @param instance this process's counters, for the per-instance rates of {@code /metrics} */
    public SettledOutcomes(ProcessingContext context, OutcomeCounters instance) {
        this.ledger = new TaskOutcomes(context.getStateStore(TopologyNames.WINDOW_OUTCOMES_STORE));
        this.instance = instance;
    }

    public void accepted(SourceRecord source) {
        ledger.add(LedgerKeys.settledCount(source.getPartition(), source.getTopic(), LedgerKeys.ACCEPTED));
        instance.accepted(source.getTopic());
    }

    public void duplicate(SourceRecord source) {
        ledger.add(LedgerKeys.settledCount(source.getPartition(), source.getTopic(), LedgerKeys.DUPLICATE));
        instance.duplicate(source.getTopic());
    }

    public void late(SourceRecord source) {
        ledger.add(LedgerKeys.settledCount(source.getPartition(), source.getTopic(), DeadLetterReason.LATE.name()));
        instance.late(source.getTopic());
    }
}
