package io.industrybrain.streams.topology.ledger;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/** What an intake task decided about each event record: forwarded to the window stage, or dead-lettered and why. */
public final class IntakeOutcomes {

    private final TaskOutcomes ledger;
    private final OutcomeCounters instance;

    /** @param instance this process's counters, for the per-instance rates of {@code /metrics} */
    public IntakeOutcomes(ProcessingContext context, OutcomeCounters instance) {
        this.ledger = new TaskOutcomes(context.getStateStore(TopologyNames.INTAKE_OUTCOMES_STORE));
        this.instance = instance;
    }

    public void forwarded(String topic) {
        ledger.add(LedgerKeys.intakeCount(topic, LedgerKeys.FORWARDED));
        instance.forwardedAtIntake(topic);
    }

    public void rejected(String topic, DeadLetterReason reason) {
        ledger.add(LedgerKeys.intakeCount(topic, reason.name()));
        instance.rejectedAtIntake(topic, reason);
    }
}
