package io.industrybrain.streams.topology.window;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The windows the window stage of this process holds open, for the app's gauges: how many
 * (enterprise, window) states, how many distinct windows, and the start of the oldest.
 *
 * <p>Each task's aggregator reports the states it opens and closes under its task id, and forgets its
 * task when Kafka Streams closes it (a rebalance moves it elsewhere), so a task's windows are counted
 * by exactly the process that runs it. Stream threads write and the scrape thread reads: every method
 * holds the one lock, which is taken only when a state opens or closes, not per event.
 */
public final class OpenWindows {

    /**
     * @param enterpriseWindows open (enterprise, window) states
     * @param windows           distinct window starts among them
     * @param oldestStart       start of the oldest open window, epoch milliseconds; empty when none is open
     */
    public record Snapshot(long enterpriseWindows, long windows, OptionalLong oldestStart) { }

    /** task -> window start -> open states of that window. */
    private final Map<String, NavigableMap<Long, Long>> byTask = new HashMap<>();

    public synchronized void opened(String task, long windowStart) {
        byTask.computeIfAbsent(task, t -> new TreeMap<>()).merge(windowStart, 1L, Long::sum);
    }

    public synchronized void closed(String task, long windowStart) {
        NavigableMap<Long, Long> windows = byTask.get(task);
        if (windows == null) {
            return;
        }
        windows.computeIfPresent(windowStart, (start, open) -> open == 1 ? null : open - 1);
    }

    /** The task was closed in this process: its windows are no longer held here. */
    public synchronized void forget(String task) {
        byTask.remove(task);
    }

    public synchronized Snapshot snapshot() {
        NavigableMap<Long, Long> all = new TreeMap<>();
        byTask.values().forEach(windows -> windows.forEach((start, open) -> all.merge(start, open, Long::sum)));
        long states = all.values().stream().mapToLong(Long::longValue).sum();
        return new Snapshot(states, all.size(), all.isEmpty() ? OptionalLong.empty() : OptionalLong.of(all.firstKey()));
    }
}
