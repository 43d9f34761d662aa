package io.industrybrain.streams.topology.period;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.MetricFormulas;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.streams.topology.PeriodCalendar;
import io.industrybrain.streams.topology.Sums;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterprisePeriods;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.PeriodContribution;
import io.industrybrain.streams.topology.internal.PeriodInput;
import io.industrybrain.streams.topology.internal.PeriodSums;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.progress.SourceProgress;
import io.industrybrain.streams.topology.rollup.RollupCalculator;
import io.industrybrain.streams.topology.window.WindowGeometry;
import io.industrybrain.streams.topology.window.WindowStoreKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The period stage: publishes the DAY, MONTH, QUARTER and YEAR records of every scope on {@code brain.metrics.periods}
 * each time a window becomes final everywhere, and each period's finals once its last window has. See
 * {@code package-info.java} for why this is exact.
 */
public final class PeriodAggregator implements Processor<String, PeriodInput, String, MetricRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodAggregator.class);

    private final RollupCalculator calculator;
    private final PeriodCalendar calendar;
    private final WindowGeometry windows;
    private final int windowStagePartitions;
    private final Clock clock;

    private ProcessorContext<String, MetricRecord> context;
    private KeyValueStore<String, EnterprisePeriods> waiting;
    private KeyValueStore<String, PeriodContribution> contributions;
    private KeyValueStore<String, RollupGroupState> groups;
    private SourceProgress windowStage;
    /** The periods with state, by {@link #periodKey}; rebuilt from the groups store at init (a period has a PROVINCE group). */
    private final SortedMap<String, PeriodCalendar.Span> open = new TreeMap<>();

    public PeriodAggregator(TopologySettings settings, Clock clock) {
        this.calculator = new RollupCalculator(settings.window(), settings.minGroupSize());
        this.calendar = new PeriodCalendar(settings.periodZone());
        this.windows = new WindowGeometry(settings.window(), settings.grace());
        this.windowStagePartitions = settings.partitions();
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, MetricRecord> context) {
        this.context = context;
        this.waiting = context.getStateStore(TopologyNames.PERIOD_WAITING_STORE);
        this.contributions = context.getStateStore(TopologyNames.PERIOD_CONTRIBUTIONS_STORE);
        this.groups = context.getStateStore(TopologyNames.PERIOD_GROUPS_STORE);
        this.windowStage = new SourceProgress(context.getStateStore(TopologyNames.PERIOD_PROGRESS_STORE), windowStagePartitions,
                "period stage", Duration.ZERO);
        open.clear();
        try (KeyValueIterator<String, RollupGroupState> all = groups.all()) {
            all.forEachRemaining(entry -> {
                String[] parts = entry.key.split("\\|", 3);
                Period period = Period.valueOf(parts[0]);
                open.put(parts[0] + "|" + parts[1], calendar.spanOf(period, WindowStoreKeys.windowOf(parts[1])));
            });
        }
    }

    @Override
    public void process(Record<String, PeriodInput> record) {
        Object event = record.value().getEvent();
        if (event instanceof EnterprisePeriods sums) {
            long closedEverywhere = windowStage.low();
            if (closedEverywhere != SourceProgress.NONE && sums.getWindowStart() <= closedEverywhere) {
                throw new IllegalStateException("the period sums of " + sums.getEnterpriseId() + " for window "
                        + Instant.ofEpochMilli(sums.getWindowStart()) + " arrived after every window-stage partition had closed it");
            }
            waiting.put(WindowStoreKeys.inWindow(sums.getWindowStart(), sums.getEnterpriseId()), sums);
        } else {
            windowsClosed((ProgressMarker) event);
        }
    }

    private void windowsClosed(ProgressMarker marker) {
        SourceProgress.requireWindowStagePartition(marker, windowStagePartitions);
        long now = context.currentSystemTimeMs();
        windowStage.marker(marker, now, now);
        long closedEverywhere = windowStage.low();
        if (closedEverywhere == SourceProgress.NONE) {
            return;
        }
        List<String> touched = applyWaitingThrough(closedEverywhere);
        long coveredUntil = windows.endOf(closedEverywhere);
        for (Map.Entry<String, PeriodCalendar.Span> period : List.copyOf(open.entrySet())) {
            PeriodCalendar.Span span = period.getValue();
            boolean ended = closedEverywhere >= windows.startOf(span.end() - 1);
            if (ended || touched.contains(period.getKey())) {
                publish(period.getKey(), span, Math.min(span.end(), coveredUntil), ended);
            }
        }
    }

    /** Moves the sums of windows final everywhere into their periods; returns the periods they changed. */
    private List<String> applyWaitingThrough(long closedEverywhere) {
        List<String> touched = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        try (KeyValueIterator<String, EnterprisePeriods> due = waiting.range(WindowStoreKeys.first(), WindowStoreKeys.after(closedEverywhere))) {
            due.forEachRemaining(entry -> {
                EnterprisePeriods sums = entry.value;
                for (PeriodSums period : sums.getPeriods()) {
                    PeriodCalendar.Span span = calendar.spanOf(period.getPeriod(), period.getStart());
                    String periodKey = periodKey(span);
                    String key = periodKey + "|" + sums.getEnterpriseId();
                    PeriodContribution kept = contributions.get(key);
                    contributions.put(key, new PeriodContribution(sums.getIndustryChain(), sums.getRegion(), period.getPeriod(),
                            period.getStart(), period.getEnd(), period.getFirstWindow(), period.getSums(),
                            kept == null ? 0L : kept.getRevision(), true));
                    if (open.put(periodKey, span) == null) {
                        groups.put(periodKey + "|" + GroupKey.PROVINCE.storeSuffix(), new RollupGroupState());
                    }
                    if (!touched.contains(periodKey)) {
                        touched.add(periodKey);
                    }
                }
                applied.add(entry.key);
            });
        }
        applied.forEach(waiting::delete);
        return touched;
    }

    /**
     * Publishes a period's records covered up to {@code coveredUntil}: each enterprise whose sums changed, then every
     * roll-up, recomputed from all the period's enterprises in enterpriseId order, its data beginning with the earliest
     * of their first windows. A final publishes every enterprise and forgets the period.
     */
    private void publish(String periodKey, PeriodCalendar.Span span, long coveredUntil, boolean isFinal) {
        Instant now = clock.instant();
        SortedMap<GroupKey, MetricSums> sums = new TreeMap<>();
        Map<GroupKey, Long> firstWindows = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, PeriodContribution> members = contributions.range(periodKey + "|", periodKey + "}")) {
            members.forEachRemaining(entry -> {
                PeriodContribution member = entry.value;
                String enterpriseId = entry.key.substring(periodKey.length() + 1);
                if (member.getUpdatePending() || isFinal) {
                    long revision = member.getRevision() + 1;
                    MetricRecord record = MetricFormulas.record(Scope.ENTERPRISE, enterpriseId, span.period(), span.start(), span.end(),
                            member.getFirstWindow(), coveredUntil, member.getSums(), revision, isFinal, now);
                    forward(MetricKeys.ofPeriod(span.period(), Scope.ENTERPRISE, enterpriseId, span.firstDay()), record, now);
                    member.setRevision(revision);
                    member.setUpdatePending(false);
                    contributions.put(entry.key, member);
                }
                for (GroupKey group : GroupKey.of(member.getIndustryChain(), member.getRegion())) {
                    Sums.add(sums.computeIfAbsent(group, g -> Sums.zero()), member.getSums());
                    firstWindows.merge(group, member.getFirstWindow(), Math::min);
                }
                keys.add(entry.key);
            });
        }
        SortedMap<GroupKey, RollupGroupState> states = new TreeMap<>();
        try (KeyValueIterator<String, RollupGroupState> kept = groups.range(periodKey + "|", periodKey + "}")) {
            kept.forEachRemaining(entry -> states.put(GroupKey.fromStoreSuffix(entry.key.substring(periodKey.length() + 1)), entry.value));
        }
        // A roll-up that published records keeps getting them, even once every member has moved away.
        sums.keySet().forEach(group -> states.computeIfAbsent(group, g -> new RollupGroupState()));
        states.forEach((group, state) -> {
            long revision = state.getRevision() + 1;
            state.setRevision(revision);
            MetricRecord record = calculator.calculate(group, span.period(), span.start(), span.end(),
                    firstWindows.getOrDefault(group, span.start()), coveredUntil, sums.getOrDefault(group, Sums.zero()), revision, isFinal, now);
            forward(MetricKeys.ofPeriod(span.period(), group.scope(), group.scopeId(), span.firstDay()), record, now);
            groups.put(periodKey + "|" + group.storeSuffix(), state);
        });
        if (isFinal) {
            keys.forEach(contributions::delete);
            states.keySet().forEach(group -> groups.delete(periodKey + "|" + group.storeSuffix()));
            open.remove(periodKey);
            LOG.info("{} {} final: {} enterprises, {} roll-ups", span.period(), span.firstDay(), keys.size(), states.size());
        }
    }

    private void forward(String key, MetricRecord record, Instant now) {
        context.forward(new Record<>(key, record, now.toEpochMilli()));
    }

    /** The key prefix of a period in the stage's stores: its kind, '|', its start as 19 digits. */
    private static String periodKey(PeriodCalendar.Span span) {
        return span.period().name() + "|" + WindowStoreKeys.window(span.start());
    }
}
