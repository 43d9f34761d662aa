package io.industrybrain.app.query;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A read-only, in-memory view of the output topics: the latest revision of each (scope, scopeId,
 * window) record, final or not, and the targets. The query API and the indicator gauges read it;
 * {@link OutputTopicsFeed} fills it.
 *
 * <p>Bounded: the newest {@code rollUpWindows} windows per roll-up scopeId (a day or two of history
 * for the charts) and the newest {@code enterpriseWindows} per enterprise (the open windows and the
 * last final), so memory grows with the number of enterprises, not with time. A record of a window
 * older than those kept is dropped.
 *
 * <p>Records arrive from two topics read independently, so an update may be read after the final of
 * its window: the highest revision wins, which is the final (it takes the revision after the last update).
 */
public final class MetricsView {

    /** Windows kept per INDUSTRY_CHAIN, REGION or PROVINCE scopeId: 48 hours of 1-hour windows. */
    public static final int ROLL_UP_WINDOWS = 48;
    /** Windows kept per enterprise. */
    public static final int ENTERPRISE_WINDOWS = 3;

    private final int rollUpWindows;
    private final int enterpriseWindows;
    private final Map<Scope, ScopeRecords> records = new EnumMap<>(Scope.class);
    private final Map<Scope, Instant> lastFinalEmittedAt = new EnumMap<>(Scope.class);
    /** brain.targets record key -> metric -> target. */
    private final SortedMap<String, SortedMap<String, MetricTarget>> targets = new TreeMap<>();

    public MetricsView() {
        this(ROLL_UP_WINDOWS, ENTERPRISE_WINDOWS);
    }

    public MetricsView(int rollUpWindows, int enterpriseWindows) {
        if (rollUpWindows < 1 || enterpriseWindows < 1) {
            throw new IllegalArgumentException("keep at least one window per scopeId");
        }
        this.rollUpWindows = rollUpWindows;
        this.enterpriseWindows = enterpriseWindows;
        for (Scope scope : Scope.values()) {
            records.put(scope, new ScopeRecords());
        }
    }

    /**
     * One scope's records: scopeId -> windowStart -> latest revision, found by hash, since every record read is
     * added here (at a province's 30,000 enterprises a sorted map's string comparisons were a third of the view's
     * work); the scopeIds sorted beside, for pages, which change only when a new scopeId appears.
     */
    private static final class ScopeRecords {
        final Map<String, NavigableMap<Instant, MetricRecord>> byId = new HashMap<>();
        final NavigableSet<String> ids = new TreeSet<>();

        NavigableMap<Instant, MetricRecord> windowsOf(String scopeId) {
            NavigableMap<Instant, MetricRecord> windows = byId.get(scopeId);
            if (windows == null) {
                windows = new TreeMap<>();
                byId.put(scopeId, windows);
                ids.add(scopeId);
            }
            return windows;
        }
    }

    /** Adds a record read from brain.metrics or brain.metrics.final. */
    public synchronized void add(MetricRecord record) {
        NavigableMap<Instant, MetricRecord> windows = records.get(record.getScope()).windowsOf(record.getScopeId());
        windows.merge(record.getWindowStart(), record, (kept, read) -> read.getRevision() > kept.getRevision()
                || (read.getRevision() == kept.getRevision() && read.getFinal$()) ? read : kept);
        int keep = record.getScope() == Scope.ENTERPRISE ? enterpriseWindows : rollUpWindows;
        while (windows.size() > keep) {
            windows.pollFirstEntry();
        }
        if (record.getFinal$()) {
            lastFinalEmittedAt.merge(record.getScope(), record.getEmittedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * A record of brain.targets. The contract keys them {@code scope:scopeId}, so one key may carry the
     * targets of several metrics, one record each: they are kept per metric, and a tombstone (null
     * target) removes every target of its key.
     */
    public synchronized void target(String key, MetricTarget target) {
        if (target == null) {
            targets.remove(key);
        } else {
            targets.computeIfAbsent(key, k -> new TreeMap<>()).put(target.getMetric(), target);
        }
    }

    /** The scopeIds with a record in the view, sorted. */
    public synchronized SortedSet<String> scopeIds(Scope scope) {
        return new TreeSet<>(records.get(scope).ids);
    }

    public synchronized int scopeIdCount(Scope scope) {
        return records.get(scope).byId.size();
    }

    /**
     * The windows of a scopeId whose start is in [{@code from}, {@code to}), newest first, at most {@code limit};
     * empty when the view has no record of the scopeId at all.
     */
    public synchronized Optional<List<MetricRecord>> windows(Scope scope, String scopeId, Instant from, Instant to, int limit) {
        NavigableMap<Instant, MetricRecord> windows = records.get(scope).byId.get(scopeId);
        if (windows == null) {
            return Optional.empty();
        }
        if (!from.isBefore(to)) {
            return Optional.of(List.of());
        }
        return Optional.of(windows.subMap(from, true, to, false).descendingMap().values().stream().limit(limit).toList());
    }

    /** The record of one window of a scopeId, if the view has it. */
    public synchronized Optional<MetricRecord> window(Scope scope, String scopeId, Instant windowStart) {
        return Optional.ofNullable(records.get(scope).byId.get(scopeId)).map(windows -> windows.get(windowStart));
    }

    /** The start of the newest window the view has of a scopeId. */
    public synchronized Optional<Instant> newestWindowStart(Scope scope, String scopeId) {
        return Optional.ofNullable(records.get(scope).byId.get(scopeId)).map(NavigableMap::lastKey);
    }

    /**
     * The record of the newest window of each scopeId, by scopeId, beginning after {@code after} (from the first
     * scopeId when null), at most {@code limit}.
     */
    public synchronized List<MetricRecord> latest(Scope scope, String after, int limit) {
        ScopeRecords scopeRecords = records.get(scope);
        SortedSet<String> page = after == null ? scopeRecords.ids : scopeRecords.ids.tailSet(after, false);
        return page.stream().limit(limit).map(id -> scopeRecords.byId.get(id).lastEntry().getValue()).toList();
    }

    /** The final record of the newest closed window of each scopeId, by scopeId. */
    public synchronized List<MetricRecord> latestFinals(Scope scope) {
        List<MetricRecord> finals = new ArrayList<>();
        ScopeRecords scopeRecords = records.get(scope);
        for (String id : scopeRecords.ids) {
            scopeRecords.byId.get(id).descendingMap().values().stream().filter(MetricRecord::getFinal$).findFirst().ifPresent(finals::add);
        }
        return finals;
    }

    /** The emittedAt of the newest final record read per scope; a scope with none read is absent. */
    public synchronized Map<Scope, Instant> lastFinalEmittedAt() {
        return Map.copyOf(lastFinalEmittedAt);
    }

    /** The targets of brain.targets, by key and metric. */
    public synchronized List<MetricTarget> targets() {
        return targets.values().stream().flatMap(byMetric -> byMetric.values().stream()).toList();
    }
}
