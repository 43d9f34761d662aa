package io.industrybrain.streams.topology.progress;

import io.industrybrain.streams.topology.internal.ProgressMarker;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiving task's view of how far its sources have got, and the watermark that follows: the lowest progress
 * among the sources that are not idle (when all are idle, the highest among them), never going back (see the package documentation for the rule). Sources
 * 0 to {@code sources - 1} are expected: until each has reported or said it is idle, the watermark is
 * {@link #NONE}.
 *
 * <p>Kept in the task's progress store: key = source, value = its latest marker; key {@link #WATERMARK_KEY} = the
 * watermark, written by {@link #persist()}. Mirrored in arrays because the watermark is read on every record.
 * This class is the only writer of its store.
 */
public final class SourceProgress {

    /** The watermark while it is not known yet. */
    public static final long NONE = Long.MIN_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(SourceProgress.class);
    private static final int WATERMARK_KEY = -1;

    private final KeyValueStore<Integer, ProgressMarker> store;
    private final String stage;
    /** Sources 0 to expected - 1 are waited for from the start; others once they have reported. */
    private final int expected;
    /** How long after another source's idleness ended an idle word is believed again. */
    private final long reconfirmAfter;
    private long[] progress;
    private boolean[] reported;
    private boolean[] idle;
    /** Per source, the earliest send time of an idle word that is believed. */
    private long[] idleBelievedFrom;
    private long watermark;

    /**
     * @param stage          named in log lines: which stage's sources these are
     * @param reconfirmAfter when one idle source admits again, how long the other idle ones are waited for before their
     *                       word is believed again ({@code intake.idle.after}; zero for sources that never go idle)
     */
    public SourceProgress(KeyValueStore<Integer, ProgressMarker> store, int sources, String stage, Duration reconfirmAfter) {
        this.store = store;
        this.stage = stage;
        this.expected = sources;
        this.reconfirmAfter = reconfirmAfter.toMillis();
        this.progress = new long[sources];
        this.reported = new boolean[sources];
        this.idle = new boolean[sources];
        this.idleBelievedFrom = new long[sources];
        Arrays.fill(idleBelievedFrom, Long.MIN_VALUE);
        this.watermark = NONE;
        try (KeyValueIterator<Integer, ProgressMarker> saved = store.all()) {
            saved.forEachRemaining(entry -> {
                if (entry.key == WATERMARK_KEY) {
                    watermark = entry.value.getProgress();
                } else {
                    ensureSource(entry.key);
                    // Idleness is a statement about now: after a restart a source is waited for, at the progress it had,
                    // until a marker says again that it is idle (an idle source says so every marker interval).
                    apply(entry.key, entry.value.getProgress(), false);
                }
            });
        }
        recompute();
    }

    /**
     * Refuses a marker of a window-stage partition that the topology was not built for: the roll-up and period stages
     * wait for a fixed number of them, so a marker from beyond is a partition count changed under a running app.
     */
    public static void requireWindowStagePartition(ProgressMarker marker, int partitions) {
        if (marker.getSource() < 0 || marker.getSource() >= partitions) {
            throw new IllegalStateException("a closed-windows marker from window-stage partition " + marker.getSource()
                    + ", but the topology was built for " + partitions + " partitions: the partitions setting must be"
                    + " the partition count of the by-enterprise topic");
        }
    }

    /**
     * A record of the source arrived, at {@code time}: the source is active and at least that far.
     *
     * @param now wall clock of the receiving task
     */
    public void observed(int source, long time, long now) {
        ensureSource(source);
        boolean wasIdle = idle[source];
        idle[source] = false;
        if (!reported[source] || time > progress[source]) {
            apply(source, time, false);
        }
        if (wasIdle) {
            // its marker said idle; the record says otherwise, and it is the later word
            store.put(source, marker(source));
            othersWaitedForAgain(source, now);
        }
        recompute();
    }

    /**
     * A marker of the source arrived.
     *
     * @param sentAt the wall clock at which the source sent it (its record's timestamp)
     * @param now    wall clock of the receiving task
     */
    public void marker(ProgressMarker marker, long sentAt, long now) {
        int source = marker.getSource();
        ensureSource(source);
        boolean wasIdle = idle[source];
        apply(source, marker.getProgress(), marker.getIdle() && sentAt >= idleBelievedFrom[source]);
        store.put(source, marker(source));
        if (wasIdle && !idle[source]) {
            // A task's idleness may end here first: its events go to the partitions of their enterprises, its markers
            // to every partition, so a receiving task may hear that it admits again before (or without) any event.
            othersWaitedForAgain(source, now);
        }
        recompute();
    }

    /**
     * Input that ends one source's idleness may be reaching the other idle ones too (a backlog after an outage, an
     * import, a batch after a pause), a producer's batch a moment behind, and they may not have processed theirs yet
     * (busy, still starting, moving to another instance): they are waited for again until each says it is idle in a
     * marker sent reconfirmAfter from now, when its own look at its input is newer.
     */
    private void othersWaitedForAgain(int source, long now) {
        for (int other = 0; other < idle.length; other++) {
            if (other != source && idle[other]) {
                idle[other] = false;
                idleBelievedFrom[other] = now + reconfirmAfter;
                store.put(other, marker(other));
            }
        }
    }

    /**
     * The watermark: the lowest progress among the sources that are not idle, or the highest when all are idle;
     * {@link #NONE} until known.
     */
    public long low() {
        return watermark;
    }

    /** Saves the watermark, so that whatever was closed on it stays closed after a restart. */
    public void persist() {
        if (watermark != NONE) {
            store.put(WATERMARK_KEY, new ProgressMarker(WATERMARK_KEY, watermark, false));
        }
    }

    private void apply(int source, Long time, boolean isIdle) {
        if (time != null && (!reported[source] || time > progress[source])) {
            progress[source] = time;
            reported[source] = true;
        }
        idle[source] = isIdle;
    }

    private ProgressMarker marker(int source) {
        return new ProgressMarker(source, reported[source] ? progress[source] : null, idle[source]);
    }

    private void recompute() {
        long lowest = Long.MAX_VALUE;
        long highestIdle = NONE;
        for (int source = 0; source < progress.length; source++) {
            if (idle[source]) {
                if (reported[source]) {
                    highestIdle = Math.max(highestIdle, progress[source]);
                }
                continue;
            }
            if (!reported[source]) {
                if (source < expected) {
                    return;
                }
                continue;
            }
            lowest = Math.min(lowest, progress[source]);
        }
        // Every source idle: all are caught up and nothing is on its way, so every event admitted anywhere has
        // arrived, and the watermark is the highest among them, as in one ordered partition.
        long candidate = lowest != Long.MAX_VALUE ? lowest : highestIdle;
        if (candidate > watermark) {
            watermark = candidate;
        }
    }

    /**
     * A source beyond those expected (an event topic got partitions while the app ran): it is waited for from now
     * on, but windows may already have closed without it.
     */
    private void ensureSource(int source) {
        if (source < progress.length) {
            return;
        }
        LOG.warn("{}: source {} reports, but the topology was built for {}: its records may be LATE until the app restarts"
                + " with the topics' partition count", stage, source, progress.length);
        progress = Arrays.copyOf(progress, source + 1);
        reported = Arrays.copyOf(reported, source + 1);
        idle = Arrays.copyOf(idle, source + 1);
        int known = idleBelievedFrom.length;
        idleBelievedFrom = Arrays.copyOf(idleBelievedFrom, source + 1);
        Arrays.fill(idleBelievedFrom, known, source + 1, Long.MIN_VALUE);
    }
}
