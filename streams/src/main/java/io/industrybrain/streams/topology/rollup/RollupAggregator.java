package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterpriseContribution;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.internal.WindowsClosed;
import io.industrybrain.streams.topology.window.WindowGeometry;
import io.industrybrain.streams.topology.window.WindowStoreKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roll-up stage: keeps each enterprise's latest record per window (its contribution), publishes the
 * INDUSTRY_CHAIN, REGION and PROVINCE roll-ups computed from them, and, once every window-stage partition
 * has closed a window, the window's finals: every enterprise's closing record with its chain percentiles,
 * then one final per roll-up. See {@code package-info.java} for why this is exact.
 *
 * <p>A contribution replaces the enterprise's previous one for the window, so a revised record (a late
 * event, a duplicate) is never counted twice, and a contribution filed under another chain or region than
 * before (the enterprise moved) leaves its old roll-ups and joins the new ones. Every roll-up touched is
 * marked pending; pending roll-ups are recomputed from the window's contributions and published every
 * {@code updateInterval} (at once when it is zero), like the ENTERPRISE updates.
 */
public final class RollupAggregator implements Processor<String, RollupInput, String, MetricRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupAggregator.class);

    private final RollupCalculator calculator;
    private final int windowStagePartitions;
    private final int minGroupSize;
    private final Clock clock;
    private final Duration updateInterval;

    private ProcessorContext<String, MetricRecord> context;
    private KeyValueStore<String, EnterpriseContribution> contributions;
    private KeyValueStore<String, RollupGroupState> groups;
    private AggregatorWatermarks watermarks;
    /** Windows with a pending roll-up; rebuilt from the store at init. */
    private final SortedSet<Long> pendingWindows = new TreeSet<>();

    public RollupAggregator(TopologySettings settings, Clock clock) {
        this.calculator = new RollupCalculator(settings.window(), settings.minGroupSize());
        this.windowStagePartitions = settings.partitions();
        this.minGroupSize = settings.minGroupSize();
        this.clock = clock;
        this.updateInterval = settings.updateInterval();
    }

    @Override
    public void init(ProcessorContext<String, MetricRecord> context) {
        this.context = context;
        this.contributions = context.getStateStore(TopologyNames.ROLLUP_CONTRIBUTIONS_STORE);
        this.groups = context.getStateStore(TopologyNames.ROLLUP_GROUPS_STORE);
        this.watermarks = new AggregatorWatermarks(context.getStateStore(TopologyNames.ROLLUP_WATERMARKS_STORE), windowStagePartitions);
        // A task revived after an aborted transaction starts again from the stores, not from memory.
        pendingWindows.clear();
        try (KeyValueIterator<String, RollupGroupState> all = groups.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getUpdatePending()) {
                    pendingWindows.add(WindowStoreKeys.windowOf(entry.key));
                }
            });
        }
        if (!updateInterval.isZero()) {
            context.schedule(updateInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishPendingUpdates());
        }
    }

    @Override
    public void process(Record<String, RollupInput> record) {
        Object event = record.value().getEvent();
        if (event instanceof EnterpriseContribution contribution) {
            contribute(WindowStoreKeys.windowOf(record.key()), contribution);
        } else {
            windowsClosed((WindowsClosed) event);
        }
    }

    private void contribute(long windowStart, EnterpriseContribution contribution) {
        long closedEverywhere = watermarks.closedEverywhere();
        if (closedEverywhere != WindowGeometry.NONE && windowStart <= closedEverywhere) {
            // Each partition sends its closing records before its mark: a record after every mark is a bug.
            throw new IllegalStateException("a record of " + contribution.getEnterpriseId() + " for window "
                    + Instant.ofEpochMilli(windowStart) + " arrived after every window-stage partition had closed it");
        }
        String key = WindowStoreKeys.inWindow(windowStart, contribution.getEnterpriseId());
        EnterpriseContribution previous = contributions.get(key);
        if (previous != null && contribution.getIndustryChain() == null) {
            // Deleted from the reference data: it stays where it was last filed.
            contribution.setIndustryChain(previous.getIndustryChain());
            contribution.setRegion(previous.getRegion());
        }
        contributions.put(key, contribution);
        SortedSet<GroupKey> touched = changedGroups(previous, contribution);
        for (GroupKey group : touched) {
            String groupKey = WindowStoreKeys.inWindow(windowStart, group.storeSuffix());
            RollupGroupState state = Objects.requireNonNullElseGet(groups.get(groupKey), RollupGroupState::new);
            state.setUpdatePending(true);
            groups.put(groupKey, state);
        }
        if (touched.isEmpty()) {
            return;
        }
        pendingWindows.add(windowStart);
        if (updateInterval.isZero()) {
            publishUpdates(windowStart);
        }
    }

    /**
     * The roll-ups whose numbers the new contribution changes: all of its old and new groups when its metrics
     * changed; only the groups it left or joined when just its chain or region did; none when neither did
     * (a closing record, or a revision that changed nothing the roll-ups read).
     */
    private static SortedSet<GroupKey> changedGroups(EnterpriseContribution previous, EnterpriseContribution current) {
        SortedSet<GroupKey> now = new TreeSet<>(GroupKey.of(current));
        if (previous == null) {
            return now;
        }
        SortedSet<GroupKey> before = new TreeSet<>(GroupKey.of(previous));
        SortedSet<GroupKey> changed = new TreeSet<>(now);
        changed.addAll(before);
        if (sameMetrics(previous, current)) {
            changed.removeIf(group -> now.contains(group) && before.contains(group));
        }
        return changed;
    }

    /** Only the revision, the final flag or emittedAt differ. */
    private static boolean sameMetrics(EnterpriseContribution a, EnterpriseContribution b) {
        return comparable(RollupInputs.record(a)).equals(comparable(RollupInputs.record(b)));
    }

    private static MetricRecord comparable(MetricRecord record) {
        return MetricRecord.newBuilder(record).setRevision(0).setFinal$(false).setEmittedAt(Instant.EPOCH).build();
    }

    private void publishPendingUpdates() {
        for (long windowStart : List.copyOf(pendingWindows)) {
            publishUpdates(windowStart);
        }
    }

    private void publishUpdates(long windowStart) {
        Map<GroupKey, List<MetricRecord>> members = membersByGroup(contributionsOf(windowStart));
        groupStatesOf(windowStart).forEach((group, state) -> {
            if (state.getUpdatePending()) {
                publish(group, windowStart, members.getOrDefault(group, List.of()), state, false);
                groups.put(WindowStoreKeys.inWindow(windowStart, group.storeSuffix()), state);
            }
        });
        pendingWindows.remove(windowStart);
    }

    private void windowsClosed(WindowsClosed mark) {
        watermarks.advance(mark.getPartition(), mark.getClosedThrough());
        long closedEverywhere = watermarks.closedEverywhere();
        if (closedEverywhere == WindowGeometry.NONE) {
            return;
        }
        for (long windowStart : windowsWithStateThrough(closedEverywhere)) {
            publishFinals(windowStart);
        }
    }

    private SortedSet<Long> windowsWithStateThrough(long lastClosedStart) {
        SortedSet<Long> windows = new TreeSet<>();
        try (KeyValueIterator<String, EnterpriseContribution> closed =
                     contributions.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosedStart))) {
            closed.forEachRemaining(entry -> windows.add(WindowStoreKeys.windowOf(entry.key)));
        }
        try (KeyValueIterator<String, RollupGroupState> closed =
                     groups.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosedStart))) {
            closed.forEachRemaining(entry -> windows.add(WindowStoreKeys.windowOf(entry.key)));
        }
        return windows;
    }

    private void publishFinals(long windowStart) {
        List<KeyValue<EnterpriseContribution, MetricRecord>> all = contributionsOf(windowStart);
        for (KeyValue<EnterpriseContribution, MetricRecord> member : all) {
            if (!member.key.getClosed()) {
                throw new IllegalStateException("window " + Instant.ofEpochMilli(windowStart) + " is closed in every partition but "
                        + member.key.getEnterpriseId() + "'s partition has not sent its closing record");
            }
        }
        Map<GroupKey, List<MetricRecord>> members = membersByGroup(all);
        SortedMap<GroupKey, RollupGroupState> states = groupStatesOf(windowStart);
        // brain.metrics ends with the final values too: a pending update goes out before the final.
        states.forEach((group, state) -> {
            if (state.getUpdatePending()) {
                publish(group, windowStart, members.getOrDefault(group, List.of()), state, false);
            }
        });
        publishEnterpriseFinals(windowStart, all, members);
        // A roll-up that published updates gets its final even when every member has moved away since.
        members.keySet().forEach(group -> states.computeIfAbsent(group, g -> new RollupGroupState()));
        states.forEach((group, state) -> publish(group, windowStart, members.getOrDefault(group, List.of()), state, true));
        forget(windowStart);
        pendingWindows.remove(windowStart);
        LOG.info("Window {} final: {} enterprises, {} roll-ups", Instant.ofEpochMilli(windowStart), all.size(), states.size());
    }

    private void publishEnterpriseFinals(long windowStart, List<KeyValue<EnterpriseContribution, MetricRecord>> all,
                                         Map<GroupKey, List<MetricRecord>> members) {
        Map<String, Map<String, Double>> percentiles = new TreeMap<>();
        members.forEach((group, chain) -> {
            if (group.scope() == Scope.INDUSTRY_CHAIN) {
                percentiles.putAll(ChainPercentiles.of(chain, minGroupSize));
            }
        });
        for (KeyValue<EnterpriseContribution, MetricRecord> member : all) {
            MetricRecord closing = member.value;
            Instant now = clock.instant();
            MetricRecord record = MetricRecord.newBuilder(closing)
                    .setChainPercentiles(percentiles.getOrDefault(closing.getScopeId(), Map.of()))
                    .setFinal$(true)
                    .setEmittedAt(now)
                    .build();
            String key = MetricKeys.of(Scope.ENTERPRISE, closing.getScopeId(), Instant.ofEpochMilli(windowStart));
            context.forward(new Record<>(key, record, now.toEpochMilli()));
        }
    }

    private void publish(GroupKey group, long windowStart, List<MetricRecord> members, RollupGroupState state, boolean isFinal) {
        long revision = state.getRevision() + 1;
        state.setRevision(revision);
        state.setUpdatePending(false);
        Instant now = clock.instant();
        MetricRecord record = calculator.calculate(group, windowStart, members, revision, isFinal, now);
        context.forward(new Record<>(MetricKeys.of(group.scope(), group.scopeId(), Instant.ofEpochMilli(windowStart)), record,
                now.toEpochMilli()));
    }

    /** The window's contributions with their records, in enterpriseId order. */
    private List<KeyValue<EnterpriseContribution, MetricRecord>> contributionsOf(long windowStart) {
        List<KeyValue<EnterpriseContribution, MetricRecord>> all = new ArrayList<>();
        try (KeyValueIterator<String, EnterpriseContribution> window =
                     contributions.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> all.add(KeyValue.pair(entry.value, RollupInputs.record(entry.value))));
        }
        return all;
    }

    private static Map<GroupKey, List<MetricRecord>> membersByGroup(List<KeyValue<EnterpriseContribution, MetricRecord>> all) {
        Map<GroupKey, List<MetricRecord>> members = new TreeMap<>();
        for (KeyValue<EnterpriseContribution, MetricRecord> member : all) {
            for (GroupKey group : GroupKey.of(member.key)) {
                members.computeIfAbsent(group, g -> new ArrayList<>()).add(member.value);
            }
        }
        return members;
    }

    private SortedMap<GroupKey, RollupGroupState> groupStatesOf(long windowStart) {
        SortedMap<GroupKey, RollupGroupState> states = new TreeMap<>();
        try (KeyValueIterator<String, RollupGroupState> window =
                     groups.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> states.put(GroupKey.fromStoreSuffix(WindowStoreKeys.restOf(entry.key)), entry.value));
        }
        return states;
    }

    private void forget(long windowStart) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, EnterpriseContribution> window =
                     contributions.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(contributions::delete);
        keys.clear();
        try (KeyValueIterator<String, RollupGroupState> window =
                     groups.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(groups::delete);
    }
}
