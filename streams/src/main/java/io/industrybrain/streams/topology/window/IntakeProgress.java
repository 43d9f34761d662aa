package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.internal.WatermarkMarker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each intake task has got, as seen by this window-stage task, and the {@link StreamTime} that
 * follows from it: the lowest progress among the intake tasks that are not idle. A task's progress is the
 * highest eventTime among its events received here and its latest marker's. Tasks 0 to intakeTasks - 1 are
 * always waited for, so that no window closes before each of them has reported or gone idle.
 *
 * <p>Progress and idleness are kept in the stream-time store next to stream time itself, changelogged like
 * it: after a restart the window stage waits for exactly the tasks it waited for before, instead of closing
 * windows on the word of whichever task reports first. They are mirrored in memory because the minimum is
 * taken on every record; this class is the only writer of its keys.
 */
public final class IntakeProgress {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeProgress.class);

    private static final String PROGRESS_PREFIX = "intake-progress-";
    /** Present while the task's latest word was that it is idle; the value is that marker's timestamp. */
    private static final String IDLE_PREFIX = "intake-idle-";

    private final KeyValueStore<String, Long> store;
    private final StreamTime streamTime;
    private final int intakeTasks;
    private final Map<Integer, Long> progress = new HashMap<>();
    private final Set<Integer> idle = new HashSet<>();

    public IntakeProgress(KeyValueStore<String, Long> store, int intakeTasks) {
        this.store = store;
        this.streamTime = new StreamTime(store);
        this.intakeTasks = intakeTasks;
        try (KeyValueIterator<String, Long> saved = store.prefixScan(PROGRESS_PREFIX, new StringSerializer())) {
            saved.forEachRemaining(entry -> progress.put(taskOf(entry, PROGRESS_PREFIX), entry.value));
        }
        try (KeyValueIterator<String, Long> saved = store.prefixScan(IDLE_PREFIX, new StringSerializer())) {
            saved.forEachRemaining(entry -> idle.add(taskOf(entry, IDLE_PREFIX)));
        }
    }

    /** An admitted event of the task arrived: it is active, and at least that far. Returns stream time. */
    public long eventFrom(int task, long eventTime) {
        warnIfUnexpected(task);
        raise(task, eventTime);
        if (idle.remove(task)) {
            store.delete(IDLE_PREFIX + task);
        }
        return advance();
    }

    /** A marker of the task arrived, stamped {@code timestamp}. Returns stream time. */
    public long markerFrom(WatermarkMarker marker, long timestamp) {
        int task = marker.getIntakeTask();
        warnIfUnexpected(task);
        if (marker.getMaxEventTime() != null) {
            raise(task, marker.getMaxEventTime());
        }
        if (marker.getIdle()) {
            if (idle.add(task)) {
                store.put(IDLE_PREFIX + task, timestamp);
            }
        } else if (idle.remove(task)) {
            store.delete(IDLE_PREFIX + task);
        }
        return advance();
    }

    /**
     * More intake tasks than the topology was built for (an event topic got partitions while the app ran):
     * the newcomer is waited for from now on, but windows may already have closed without it.
     */
    private void warnIfUnexpected(int task) {
        if (task >= intakeTasks && !progress.containsKey(task) && !idle.contains(task)) {
            LOG.warn("intake task {} reports, but the topology was built for {} intake tasks: its events may be LATE"
                    + " until the app restarts with the event topics' partition count", task, intakeTasks);
        }
    }

    private void raise(int task, long eventTime) {
        Long current = progress.get(task);
        if (current == null || eventTime > current) {
            progress.put(task, eventTime);
            store.put(PROGRESS_PREFIX + task, eventTime);
        }
    }

    private long advance() {
        for (int task = 0; task < intakeTasks; task++) {
            if (!progress.containsKey(task) && !idle.contains(task)) {
                return streamTime.current();
            }
        }
        long lowest = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> task : progress.entrySet()) {
            if (!idle.contains(task.getKey())) {
                lowest = Math.min(lowest, task.getValue());
            }
        }
        // Every task idle: nobody is sending anything, so there is nothing to move stream time to.
        return lowest == Long.MAX_VALUE ? streamTime.current() : streamTime.advanceTo(lowest);
    }

    private static int taskOf(KeyValue<String, Long> entry, String prefix) {
        return Integer.parseInt(entry.key.substring(prefix.length()));
    }
}
