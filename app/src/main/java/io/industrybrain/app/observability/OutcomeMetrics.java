package io.industrybrain.app.observability;

import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.OutcomeCounters.TopicOutcomes;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The outcome counters per input topic, so that {@code consumed = settled (every outcome) + in flight}
 * can be graphed and alerted on:
 * <ul>
 *   <li>{@code brain_input_records_consumed_total{topic}}</li>
 *   <li>{@code brain_input_records_settled_total{topic, outcome}}, outcome accepted, duplicate,
 *       dead_lettered or ignored (reference records not applied)</li>
 *   <li>{@code brain_input_records_in_flight{topic}}: passed intake, not yet settled by the window stage</li>
 *   <li>{@code brain_dead_letters_total{topic, reason}}: the dead_lettered outcome by reason</li>
 * </ul>
 * Every series reads the snapshot taken by {@link #refresh()} before the scrape, which
 * {@link OutcomeCounters} takes under each topic's lock: within one scrape the identity holds exactly.
 * The known input topics have series from the start (zeros), so rates and the identity are defined
 * before the first record; a topic first seen later gets its series at the next scrape.
 */
final class OutcomeMetrics implements MeterBinder, RefreshedOnScrape {

    static final String OUTCOME_ACCEPTED = "accepted";
    static final String OUTCOME_DUPLICATE = "duplicate";
    static final String OUTCOME_DEAD_LETTERED = "dead_lettered";
    static final String OUTCOME_IGNORED = "ignored";

    private static final TopicOutcomes NOTHING_YET = new TopicOutcomes(0, 0, 0, Map.of(), Map.of(), 0);

    private final OutcomeCounters counters;
    private final List<String> inputTopics;
    private final Set<String> bound = new HashSet<>();
    private volatile SortedMap<String, TopicOutcomes> snapshot = new TreeMap<>();
    private MeterRegistry registry;

    OutcomeMetrics(OutcomeCounters counters, List<String> inputTopics) {
        this.counters = counters;
        this.inputTopics = List.copyOf(inputTopics);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        inputTopics.forEach(this::bindTopic);
    }

    @Override
    public synchronized void refresh() {
        SortedMap<String, TopicOutcomes> now = counters.snapshot();
        snapshot = now;
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
        Gauge.builder("brain.input.records.in.flight", this, metrics -> metrics.of(topic).inFlight())
                .description("Input records that passed intake and are not yet settled by the window stage")
                .tag("topic", topic)
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
