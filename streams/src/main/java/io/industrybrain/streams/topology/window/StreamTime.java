package io.industrybrain.streams.topology.window;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The window stage's stream time: the highest eventTime among the events it has counted in this task.
 * Kafka Streams' own stream time would also advance on records that are then rejected (a duplicate
 * stamped in the future, a LATE record's neighbours); keeping our own in a changelogged store means only
 * counted events close windows, and a restart resumes where the last commit left off.
 */
public final class StreamTime {

    /** Before the first counted event. */
    public static final long UNKNOWN = -1L;

    private static final String KEY = "stream-time";

    private final KeyValueStore<String, Long> store;

    public StreamTime(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    public long current() {
        Long time = store.get(KEY);
        return time == null ? UNKNOWN : time;
    }

    /** Moves stream time forward to the eventTime of a counted event; never backward. */
    public long advanceTo(long eventTime) {
        long current = current();
        if (eventTime > current) {
            store.put(KEY, eventTime);
            return eventTime;
        }
        return current;
    }
}
