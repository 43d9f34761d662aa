package io.industrybrain.streams.topology.ledger;

import io.industrybrain.schema.OutcomeStage;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.schema.TopicTally;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One application's outcome totals, from the rows of {@code brain.outcomes} applied in the topic's order (see the
 * package documentation for why that order keeps {@code inFlight} from going negative): per event topic, consumed
 * is what intake forwarded or dead-lettered, and in flight what it forwarded that the window stage has not settled.
 * Thread-safe: one thread applies rows, any thread reads totals.
 */
public final class OutcomeLedger {

    private final String rowsOfTheApplication;
    private final Map<String, OutcomeTally> rows = new HashMap<>();

    /** The ledger of the Kafka Streams application {@code applicationId}; rows of other applications are ignored. */
    public OutcomeLedger(String applicationId) {
        this.rowsOfTheApplication = LedgerKeys.applicationRows(applicationId);
    }

    /** The latest row of {@code key}; a null row (a tombstone) removes it. */
    public synchronized void apply(String key, OutcomeTally row) {
        if (key == null || !key.startsWith(rowsOfTheApplication)) {
            return;
        }
        if (row == null) {
            rows.remove(key);
        } else {
            rows.put(key, row);
        }
    }

    /** The totals per event topic, by topic name; a topic no row mentions is absent. */
    public synchronized SortedMap<String, TopicOutcomes> totals() {
        Map<String, Totals> byTopic = new TreeMap<>();
        for (OutcomeTally row : rows.values()) {
            for (TopicTally tally : row.getTopics()) {
                Totals totals = byTopic.computeIfAbsent(tally.getTopic(), topic -> new Totals());
                if (row.getStage() == OutcomeStage.INTAKE) {
                    totals.forwarded += tally.getForwarded();
                } else {
                    totals.accepted += tally.getAccepted();
                    totals.duplicates += tally.getDuplicates();
                }
                tally.getDeadLettered().forEach((reason, count) ->
                        totals.deadLettered.merge(DeadLetterReason.valueOf(reason), count, Long::sum));
            }
        }
        SortedMap<String, TopicOutcomes> totals = new TreeMap<>();
        byTopic.forEach((topic, t) -> totals.put(topic, t.outcomes()));
        return totals;
    }

    private static final class Totals {
        long forwarded;
        long accepted;
        long duplicates;
        final Map<DeadLetterReason, Long> deadLettered = new EnumMap<>(DeadLetterReason.class);

        TopicOutcomes outcomes() {
            long late = deadLettered.getOrDefault(DeadLetterReason.LATE, 0L);
            long rejected = deadLettered.values().stream().mapToLong(Long::longValue).sum() - late;
            return new TopicOutcomes(forwarded + rejected, accepted, duplicates, deadLettered, Map.of(),
                    forwarded - accepted - duplicates - late);
        }
    }
}
