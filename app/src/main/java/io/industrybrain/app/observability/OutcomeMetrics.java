package io.industrybrain.app.observability;

import io.industrybrain.app.query.ClusterOutcomes;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.industrybrain.topics.TopicNames;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What became of the input records, in two kinds of series:
 * <ul>
 *   <li>this instance's processing, for rates (counters that start at zero with the process):
 *     <ul>
 *       <li>{@code brain_input_records_consumed_total{topic}}</li>
 *       <li>{@code brain_input_records_settled_total{topic, outcome}}, outcome accepted, duplicate,
 *           dead_lettered or ignored (reference records not applied)</li>
 *       <li>{@code brain_dead_letters_total{topic, reason}}: the dead_lettered outcome by reason</li>
 *     </ul>
 *     An instance's intake and window stage may settle each other's records (another instance's, or before a
 *     restart), so these do not balance per instance;</li>
 *   <li>the cluster's outcome ledger, the same on every instance, exact across crashes and restarts
 *       ({@link ClusterOutcomes}): {@code brain_ledger_records{topic, outcome}} for the event topics, outcome
 *       consumed, accepted, duplicate, dead_lettered or in_flight, where consumed = accepted + duplicate +
 *       dead_lettered + in_flight; and {@code brain_ledger_current}, 1 once this instance has read the ledger.</li>
 * </ul>
 * Every series reads the snapshots taken by {@link #refresh()} before the scrape. The known input topics have series
 * from the start (zeros), so rates are defined before the first record; a topic first seen later gets its series at
 * the next scrape.
 */
final class OutcomeMetrics implements MeterBinder, RefreshedOnScrape {

    static final String OUTCOME_ACCEPTED = "accepted";
    static final String OUTCOME_DUPLICATE = "duplicate";
    static final String OUTCOME_DEAD_LETTERED = "dead_lettered";
    static final String OUTCOME_IGNORED = "ignored";
    static final String OUTCOME_CONSUMED = "consumed";
    static final String OUTCOME_IN_FLIGHT = "in_flight";

    private static final TopicOutcomes NOTHING_YET = new TopicOutcomes(0, 0, 0, Map.of(), Map.of(), 0);

    private final OutcomeCounters counters;
    private final ClusterOutcomes cluster;
    private final List<String> inputTopics;
    private final List<String> eventTopics;
    private final Set<String> bound = new HashSet<>();
    private volatile SortedMap<String, TopicOutcomes> snapshot = new TreeMap<>();
    private volatile SortedMap<String, TopicOutcomes> ledger = new TreeMap<>();
    private MeterRegistry registry;

    OutcomeMetrics(OutcomeCounters counters, ClusterOutcomes cluster, TopicNames topics) {
        this.counters = counters;
        this.cluster = cluster;
        this.inputTopics = topics.countedInputTopics();
        this.eventTopics = topics.eventTopics();
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        inputTopics.forEach(this::bindTopic);
        eventTopics.forEach(this::bindLedger);
        Gauge.builder("brain.ledger.current", cluster, outcomes -> outcomes.current() ? 1 : 0)
                .description("1 once this instance has read the outcome ledger to its end; until then brain_ledger_records reads 0")
                .register(registry);
    }

    @Override
    public synchronized void refresh() {
        SortedMap<String, TopicOutcomes> now = counters.snapshot();
        snapshot = now;
        ledger = cluster.snapshot();
        now.keySet().stream().filter(topic -> !bound.contains(topic)).forEach(this::bindTopic);
    }

    private void bindTopic(String topic) {
        bound.add(topic);
        counter(topic, "brain.input.records.consumed", "Input records read, whatever became of them", TopicOutcomes::consumed, null, null);
        String settled = "brain.input.records.settled";
        String settledHelp = "Input records whose outcome is decided, by outcome";
        counter(topic, settled, settledHelp, TopicOutcomes::accepted, "outcome", OUTCOME_ACCEPTED);
        counter(topic, settled, settledHelp, TopicOutcomes::duplicates, "outcome", OUTCOME_DUPLICATE);
        counter(topic, settled, settledHelp, TopicOutcomes::deadLetteredTotal, "outcome", OUTCOME_DEAD_LETTERED);
        counter(topic, settled, settledHelp, TopicOutcomes::ignoredTotal, "outcome", OUTCOME_IGNORED);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counter(topic, "brain.dead.letters", "Input records written to the dead-letter topic, by reason",
                    outcomes -> outcomes.deadLettered(reason), "reason", reason.name());
        }
    }

    private void bindLedger(String topic) {
        ledgerGauge(topic, OUTCOME_CONSUMED, TopicOutcomes::consumed);
        ledgerGauge(topic, OUTCOME_ACCEPTED, TopicOutcomes::accepted);
        ledgerGauge(topic, OUTCOME_DUPLICATE, TopicOutcomes::duplicates);
        ledgerGauge(topic, OUTCOME_DEAD_LETTERED, TopicOutcomes::deadLetteredTotal);
        ledgerGauge(topic, OUTCOME_IN_FLIGHT, TopicOutcomes::inFlight);
    }

    private void ledgerGauge(String topic, String outcome, ToDoubleFunction<TopicOutcomes> count) {
        Gauge.builder("brain.ledger.records", this, metrics -> count.applyAsDouble(metrics.ledger.getOrDefault(topic, NOTHING_YET)))
                .description("The cluster's outcome ledger of an event topic: consumed = accepted + duplicate + dead_lettered + in_flight")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry);
    }

    private void counter(String topic, String name, String help, ToDoubleFunction<TopicOutcomes> count, String tag, String value) {
        FunctionCounter.Builder<OutcomeMetrics> builder = FunctionCounter.builder(name, this, metrics -> count.applyAsDouble(metrics.of(topic)))
                .description(help)
                .tag("topic", topic);
        if (tag != null) {
            builder.tag(tag, value);
        }
        builder.register(registry);
    }

    private TopicOutcomes of(String topic) {
        return snapshot.getOrDefault(topic, NOTHING_YET);
    }
}
