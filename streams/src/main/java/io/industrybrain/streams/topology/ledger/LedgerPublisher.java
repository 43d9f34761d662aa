package io.industrybrain.streams.topology.ledger;

import io.industrybrain.schema.OutcomeStage;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.schema.TopicTally;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes a task's ledger rows to {@code brain.outcomes} (see the package documentation for the order they rely
 * on). It sits on the stream of events and progress markers, passes both on untouched, and emits a row, when its
 * counts changed since the last, at the moments the ledger's order needs:
 * <ul>
 *   <li>at intake, after the progress announcer: when a marker passes on its way to the window stage (the row goes
 *       out in the same transaction, so it is committed before any window-stage task can read the marker), and
 *       every {@code interval} besides, so that an intake task that admits nothing still reports its dead letters;</li>
 *   <li>at the window stage, before the late gate: when intake task p's marker arrives, the row of what this
 *       partition settled of p's events, all of which came before the marker.</li>
 * </ul>
 */
public final class LedgerPublisher implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final OutcomeStage stage;
    private final Duration interval;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> store;
    private int task;
    private String applicationId;
    /** The rows emitted since the task was (re)initialized, by key: a row is emitted again only when it changed. */
    private final Map<String, OutcomeTally> emitted = new HashMap<>();

    /** Intake's publisher: a row at every marker of this task and every {@code interval}. */
    public static LedgerPublisher intake(Duration interval) {
        return new LedgerPublisher(OutcomeStage.INTAKE, interval);
    }

    /** The window stage's publisher: a row per intake task at each of its markers. */
    public static LedgerPublisher window() {
        return new LedgerPublisher(OutcomeStage.WINDOW, null);
    }

    private LedgerPublisher(OutcomeStage stage, Duration interval) {
        this.stage = stage;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.task = context.taskId().partition();
        this.applicationId = context.applicationId();
        this.emitted.clear();
        if (stage == OutcomeStage.INTAKE) {
            this.store = context.getStateStore(TopologyNames.INTAKE_OUTCOMES_STORE);
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> emitIntakeRow(now));
        } else {
            this.store = context.getStateStore(TopologyNames.WINDOW_OUTCOMES_STORE);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof ProgressMarker marker) {
            if (stage == OutcomeStage.INTAKE) {
                emitIntakeRow(record.timestamp());
            } else {
                emitWindowRow(marker.getSource(), record.timestamp());
            }
        }
        context.forward(record);
    }

    private void emitIntakeRow(long timestamp) {
        try (KeyValueIterator<String, Long> counts = store.all()) {
            emit(LedgerKeys.intakeRow(applicationId, task), new OutcomeTally(OutcomeStage.INTAKE, task, null, tallies(counts)), timestamp);
        }
    }

    private void emitWindowRow(int intakeTask, long timestamp) {
        try (KeyValueIterator<String, Long> counts = store.prefixScan(LedgerKeys.settledPrefix(intakeTask), Serdes.String().serializer())) {
            emit(LedgerKeys.windowRow(applicationId, task, intakeTask), new OutcomeTally(OutcomeStage.WINDOW, intakeTask, task, tallies(counts)), timestamp);
        }
    }

    private void emit(String key, OutcomeTally row, long timestamp) {
        if (row.getTopics().isEmpty() || row.equals(emitted.get(key))) {
            return;
        }
        emitted.put(key, row);
        context.forward(new Record<>(key, row, timestamp));
    }

    /** The counts grouped by topic, in topic order, so that equal counts make equal rows. */
    private static List<TopicTally> tallies(KeyValueIterator<String, Long> counts) {
        Map<String, TopicTally> byTopic = new TreeMap<>();
        while (counts.hasNext()) {
            KeyValue<String, Long> count = counts.next();
            List<String> topicAndOutcome = LedgerKeys.topicAndOutcome(count.key);
            TopicTally tally = byTopic.computeIfAbsent(topicAndOutcome.get(0),
                    topic -> new TopicTally(topic, 0L, 0L, 0L, new TreeMap<>()));
            switch (topicAndOutcome.get(1)) {
                case LedgerKeys.FORWARDED -> tally.setForwarded(count.value);
                case LedgerKeys.ACCEPTED -> tally.setAccepted(count.value);
                case LedgerKeys.DUPLICATE -> tally.setDuplicates(count.value);
                default -> tally.getDeadLettered().put(topicAndOutcome.get(1), count.value);
            }
        }
        return new ArrayList<>(byTopic.values());
    }
}
