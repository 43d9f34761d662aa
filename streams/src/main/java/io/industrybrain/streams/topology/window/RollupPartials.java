package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.Sums;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.GroupPartial;
import io.industrybrain.streams.topology.internal.MetricSums;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * This partition's share of every roll-up: for a window, the sums of each chain's, region's and the province's
 * members among the partition's enterprises, as of the records they last emitted, added in enterpriseId order. The
 * roll-up stage adds up the partials of all partitions, so that it receives a few records per window and interval
 * instead of one per enterprise. A partial is recomputed from the enterprises' states, never patched by
 * subtraction, and sent only when it changed; the last one sent is kept per window and roll-up.
 */
final class RollupPartials {

    private final KeyValueStore<String, EnterpriseWindowState> states;
    private final KeyValueStore<String, MetricSums> sent;
    private final EnterpriseMetricsCalculator calculator;

    RollupPartials(KeyValueStore<String, EnterpriseWindowState> states, KeyValueStore<String, MetricSums> sent,
                   EnterpriseMetricsCalculator calculator) {
        this.states = states;
        this.sent = sent;
        this.calculator = calculator;
    }

    /** The partials of the window that differ from those last sent, in roll-up order; they are now the last sent. */
    List<GroupPartial> changed(int partition, long windowStart) {
        SortedMap<GroupKey, MetricSums> now = new TreeMap<>();
        try (KeyValueIterator<String, EnterpriseWindowState> window = states.range(WindowStoreKeys.window(windowStart),
                WindowStoreKeys.after(windowStart))) {
            while (window.hasNext()) {
                EnterpriseWindowState state = window.next().value;
                if (state.getRevision() == 0) {
                    continue;   // nothing emitted yet: the roll-ups have not heard of it
                }
                MetricSums sums = calculator.sums(state);
                for (GroupKey group : GroupKey.of(state.getIndustryChain(), state.getRegion())) {
                    Sums.add(now.computeIfAbsent(group, g -> Sums.zero()), sums);
                }
            }
        }
        Map<GroupKey, MetricSums> before = new TreeMap<>();
        try (KeyValueIterator<String, MetricSums> window = sent.range(WindowStoreKeys.window(windowStart), WindowStoreKeys.after(windowStart))) {
            window.forEachRemaining(entry -> before.put(GroupKey.fromStoreSuffix(WindowStoreKeys.restOf(entry.key)), entry.value));
        }
        SortedSet<GroupKey> groups = new TreeSet<>(now.keySet());
        groups.addAll(before.keySet());
        List<GroupPartial> changed = new ArrayList<>();
        for (GroupKey group : groups) {
            MetricSums partial = now.getOrDefault(group, Sums.zero());
            if (partial.equals(before.get(group))) {
                continue;
            }
            String key = WindowStoreKeys.inWindow(windowStart, group.storeSuffix());
            if (partial.getEnterprises() == 0) {
                sent.delete(key);   // the partition has no member of it left: the roll-up hears a zero partial once
            } else {
                sent.put(key, partial);
            }
            changed.add(new GroupPartial(partition, windowStart, group.scope(), group.scopeId(), partial));
        }
        return changed;
    }

    /** Forgets what was sent for every window starting at or before {@code lastClosed}. */
    void forget(long lastClosed) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, MetricSums> closed = sent.range(WindowStoreKeys.first(), WindowStoreKeys.after(lastClosed))) {
            closed.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(sent::delete);
    }
}
