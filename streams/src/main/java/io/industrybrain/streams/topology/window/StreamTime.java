package io.industrybrain.streams.topology.window;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The window stage's stream time, per task: a low watermark over the intake tasks, the eventTime that
 * every intake task still sending events has got past (moved by {@link IntakeProgress}, see
 * {@link LateEventGate} for why). With one intake task it is simply the highest eventTime received.
 *
 * <p>Kafka Streams' own stream time would not do: it is the highest timestamp of whatever reached the
 * task, so one intake task racing ahead would move it. Ours moves only on admitted events and on markers,
 * which carry admitted eventTimes only, so a gateway with a wrong clock cannot close anyone's window. It is kept in a changelogged store and never goes
 * back: a closed window stays closed across restarts, and a restart resumes where the last commit left off.
 */
public final class StreamTime {

    /** Before stream time is known: until every intake task has reported or gone idle. */
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

    /** Moves stream time forward; never backward. Returns stream time after the move. */
    public long advanceTo(long time) {
        long current = current();
        if (time > current) {
            store.put(KEY, time);
            return time;
        }
        return current;
    }
}
