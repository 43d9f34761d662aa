package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.streams.topology.Sums;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterpriseClosing;
import io.industrybrain.streams.topology.internal.GroupPartial;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.progress.SourceProgress;
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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roll-up stage: publishes the INDUSTRY_CHAIN, REGION and PROVINCE updates from the window-stage partitions'
 * partials, and, once every window-stage partition has closed a window, the window's finals: every enterprise's
 * closing record with its chain percentiles, then one final per roll-up, recomputed from the closing records. See
 * {@code package-info.java} for why this is exact.
 *
 * <p>A partial replaces the partition's previous partial of the roll-up and window, so a revised enterprise record
 * is never counted twice; a roll-up update is the sum of its partials. Every roll-up touched is marked pending;
 * pending roll-ups are published every {@code updateInterval} (at once when it is zero).
 */
public final class RollupAggregator implements Processor<String, RollupInput, String, MetricRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupAggregator.class);
    /** Partitions in partial keys are zero-padded, so that a window's partials scan in partition order. */
    private static final String PARTITION_FORMAT = "|%05d";

    private final RollupCalculator calculator;
    private final int windowStagePartitions;
    private final int minGroupSize;
    private final Clock clock;
    private final Duration updateInterval;

    private ProcessorContext<String, MetricRecord> context;
    private KeyValueStore<String, MetricSums> partials;
    private KeyValueStore<String, EnterpriseClosing> closings;
    private KeyValueStore<String, RollupGroupState> groups;
    private SourceProgress windowStage;
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
        this.partials = context.getStateStore(TopologyNames.ROLLUP_PARTIALS_STORE);
        this.closings = context.getStateStore(TopologyNames.ROLLUP_CLOSINGS_STORE);
        this.groups = context.getStateStore(TopologyNames.ROLLUP_GROUPS_STORE);
        this.windowStage = new SourceProgress(context.getStateStore(TopologyNames.ROLLUP_PROGRESS_STORE), windowStagePartitions,
                "roll-up stage", Duration.ZERO);
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
        if (event instanceof GroupPartial partial) {
            partial(partial);
        } else if (event instanceof EnterpriseClosing closing) {
            long windowStart = closing.getRecord().getWindowStart().toEpochMilli();
            requireOpen(windowStart, closing.getRecord().getScopeId());
            closings.put(WindowStoreKeys.inWindow(windowStart, closing.getRecord().getScopeId()), closing);
        } else {
            windowsClosed((ProgressMarker) event);
        }
    }

    private void partial(GroupPartial partial) {
        long windowStart = partial.getWindowStart();
        requireOpen(windowStart, "partition " + partial.getPartition());
        GroupKey group = new GroupKey(partial.getScope(), partial.getScopeId());
        String key = WindowStoreKeys.inWindow(windowStart, group.storeSuffix() + String.format(PARTITION_FORMAT, partial.getPartition()));
        if (partial.getSums().getEnterprises() == 0) {
            partials.delete(key);
        } else {
            partials.put(key, partial.getSums());
        }
        String groupKey = WindowStoreKeys.inWindow(windowStart, group.storeSuffix());
        RollupGroupState state = Objects.requireNonNullElseGet(groups.get(groupKey), RollupGroupState::new);
        state.setUpdatePending(true);
        groups.put(groupKey, state);
        pendingWindows.add(windowStart);
        if (updateInterval.isZero()) {
            publishUpdates(windowStart);
        }
    }

    /** Each partition sends a window's records before its marker: a record after every marker is a bug. */
    private void requireOpen(long windowStart, String what) {
        long closedEverywhere = windowStage.low();
        if (closedEverywhere != SourceProgress.NONE && windowStart <= closedEverywhere) {
            throw new IllegalStateException("a record of " + what + " for window " + Instant.ofEpochMilli(windowStart)
                    + " arrived after every window-stage partition had closed it");
        }
    }

    private void publishPendingUpdates() {
        for (long windowStart : List.copyOf(pendingWindows)) {
            publishUpdates(windowStart);
        }
    }

    private void publishUpdates(long windowStart) {
        Map<GroupKey, MetricSums> sums = partialSums(windowStart);
        groupStatesOf(windowStart).forEach((group, state) -> {
            if (state.getUpdatePending()) {
                publish(group, windowStart, sums.getOrDefault(group, Sums.zero()), state, false);
                groups.put(WindowStoreKeys.inWindow(windowStart, group.storeSuffix()), state);
            }
        });
        pendingWindows.remove(windowStart);
    }

    private void windowsClosed(ProgressMarker marker) {
        SourceProgress.requireWindowStagePartition(marker, windowStagePartitions);
        long now = context.currentSystemTimeMs();
        windowStage.marker(marker, now, now);
        long closedEverywhere = windowStage.low();
        if (closedEverywhere == SourceProgress.NONE) {
            return;
        }
        for (long windowStart : windowsWithStateThrough(closedEverywhere)) {
            publishFinals(windowStart);
        }
    }

    private SortedSet<Long> windowsWithStateThrough(long lastClosedStart) {
        SortedSet<Long> windows = new TreeSet<>();
        for (KeyValueStore<String, ?> store : List.of(closings, groups, partials)) {
            try (KeyValueIterator<String, ?> closed = store.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosedStart))) {
                closed.forEachRemaining(entry -> windows.add(WindowStoreKeys.windowOf(entry.key)));
            }
        }
        return windows;
    }

    private void publishFinals(long windowStart) {
        List<EnterpriseClosing> all = closingsOf(windowStart);
        Map<GroupKey, MetricSums> partialSums = partialSums(windowStart);
        long reported = partialSums.getOrDefault(GroupKey.PROVINCE, Sums.zero()).getEnterprises();
        if (reported != all.size()) {
            throw new IllegalStateException("window " + Instant.ofEpochMilli(windowStart) + " is closed in every partition, whose"
                    + " partials count " + reported + " enterprises, but " + all.size() + " closing records arrived");
        }
        SortedMap<GroupKey, List<MetricRecord>> members = new TreeMap<>();
        for (EnterpriseClosing closing : all) {
            for (GroupKey group : GroupKey.of(closing.getIndustryChain(), closing.getRegion())) {
                members.computeIfAbsent(group, g -> new ArrayList<>()).add(closing.getRecord());
            }
        }
        SortedMap<GroupKey, RollupGroupState> states = groupStatesOf(windowStart);
        // brain.metrics ends with the final values too: a pending update goes out before the final.
        states.forEach((group, state) -> {
            if (state.getUpdatePending()) {
                publish(group, windowStart, partialSums.getOrDefault(group, Sums.zero()), state, false);
            }
        });
        publishEnterpriseFinals(windowStart, all, members);
        // A roll-up that published updates gets its final even when every member has moved away since.
        members.keySet().forEach(group -> states.computeIfAbsent(group, g -> new RollupGroupState()));
        states.forEach((group, state) -> {
            // The final is recomputed from the closing records, in enterpriseId order, not from the partials.
            MetricSums sums = Sums.zero();
            members.getOrDefault(group, List.of()).forEach(member -> Sums.add(sums, Sums.of(member)));
            publish(group, windowStart, sums, state, true);
        });
        forget(windowStart);
        pendingWindows.remove(windowStart);
        LOG.info("Window {} final: {} enterprises, {} roll-ups", Instant.ofEpochMilli(windowStart), all.size(), states.size());
    }

    private void publishEnterpriseFinals(long windowStart, List<EnterpriseClosing> all, Map<GroupKey, List<MetricRecord>> members) {
        Map<String, Map<String, Double>> percentiles = new TreeMap<>();
        members.forEach((group, chain) -> {
            if (group.scope() == Scope.INDUSTRY_CHAIN) {
                percentiles.putAll(ChainPercentiles.of(chain, minGroupSize));
            }
        });
        for (EnterpriseClosing member : all) {
            MetricRecord closing = member.getRecord();
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

    private void publish(GroupKey group, long windowStart, MetricSums sums, RollupGroupState state, boolean isFinal) {
        long revision = state.getRevision() + 1;
        state.setRevision(revision);
        state.setUpdatePending(false);
        Instant now = clock.instant();
        MetricRecord record = calculator.calculate(group, windowStart, sums, revision, isFinal, now);
        context.forward(new Record<>(MetricKeys.of(group.scope(), group.scopeId(), Instant.ofEpochMilli(windowStart)), record,
                now.toEpochMilli()));
    }

    /** The window's closing records, in enterpriseId order. */
    private List<EnterpriseClosing> closingsOf(long windowStart) {
        List<EnterpriseClosing> all = new ArrayList<>();
        try (KeyValueIterator<String, EnterpriseClosing> window =
                     closings.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    /** Each roll-up's partials of the window added up, in partition order. */
    private Map<GroupKey, MetricSums> partialSums(long windowStart) {
        Map<GroupKey, MetricSums> sums = new TreeMap<>();
        try (KeyValueIterator<String, MetricSums> window = partials.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> {
                String rest = WindowStoreKeys.restOf(entry.key);
                GroupKey group = GroupKey.fromStoreSuffix(rest.substring(0, rest.length() - String.format(PARTITION_FORMAT, 0).length()));
                Sums.add(sums.computeIfAbsent(group, g -> Sums.zero()), entry.value);
            });
        }
        return sums;
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
        for (KeyValueStore<String, ?> store : List.of(closings, groups, partials)) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, ?> window = store.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
                window.forEachRemaining(entry -> keys.add(entry.key));
            }
            keys.forEach(store::delete);
        }
    }
}
