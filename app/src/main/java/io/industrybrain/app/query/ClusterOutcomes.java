package io.industrybrain.app.query;

import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.ledger.OutcomeLedger;
import io.industrybrain.topics.TopicNames;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What became of every input record, as {@code /api/outcomes} and the ledger gauges of {@code /metrics} report it:
 * the event topics from the outcome ledger on {@code brain.outcomes}, the cluster's totals, exact across crashes,
 * restarts and instances (package {@code io.industrybrain.streams.topology.ledger}); the reference topics from this
 * instance's own reading of them, which every instance does in full at every start.
 *
 * <p>The ledger counts only once the {@link OutputTopicsFeed} has read {@code brain.outcomes} to the end it found
 * when it began: a compacted log read from its start may show a window-stage row before the intake row that
 * covers it. Until then the event topics read zero and {@link #current()} is false.
 */
public final class ClusterOutcomes {

    private static final TopicOutcomes NOTHING = new TopicOutcomes(0, 0, 0, Map.of(), Map.of(), 0);

    private final OutcomeLedger ledger;
    private final OutcomeCounters instance;
    private final TopicNames topics;
    private volatile boolean current;

    /** @param applicationId the Kafka Streams application whose ledger this is: instances with this id share it */
    public ClusterOutcomes(String applicationId, OutcomeCounters instance, TopicNames topics) {
        this.ledger = new OutcomeLedger(applicationId);
        this.instance = instance;
        this.topics = topics;
    }

    /** The feed (re)starts reading the ledger from its beginning. */
    public void readingFromTheStart() {
        current = false;
    }

    /** The feed read the next row of the ledger. */
    public void apply(String key, OutcomeTally row) {
        ledger.apply(key, row);
    }

    /** The feed has read the ledger to the end it found when it began. */
    public void caughtUp() {
        current = true;
    }

    /** Whether the ledger's counts are in: false while this instance is still reading it from the start. */
    public boolean current() {
        return current;
    }

    /** Every counted input topic (zeros for one nothing was read from yet), and any other topic read from, by name. */
    public SortedMap<String, TopicOutcomes> snapshot() {
        Map<String, TopicOutcomes> cluster = current ? ledger.totals() : Map.of();
        SortedMap<String, TopicOutcomes> all = new TreeMap<>(instance.snapshot());
        topics.countedInputTopics().forEach(topic -> all.putIfAbsent(topic, NOTHING));
        topics.eventTopics().forEach(topic -> all.put(topic, cluster.getOrDefault(topic, NOTHING)));
        return all;
    }
}
