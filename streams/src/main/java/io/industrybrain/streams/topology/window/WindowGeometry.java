package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.progress.SourceProgress;
import java.time.Duration;

/**
 * Tumbling event-time windows aligned to the epoch, and when they close. Stream time is the window
 * stage's watermark over the intake tasks ({@link SourceProgress#low}; see the package
 * {@code progress}). A window [s, e) is
 * <em>closed</em> once stream time reaches e + grace, as in Kafka Streams' own windows; an event of an
 * open window that arrives when stream time has reached e is <em>late in grace</em>.
 */
public final class WindowGeometry {

    /** Returned by {@link #lastClosedStart} while no window can have closed. */
    public static final long NONE = Long.MIN_VALUE;

    private final long size;
    private final long grace;

    public WindowGeometry(Duration size, Duration grace) {
        this.size = size.toMillis();
        this.grace = grace.toMillis();
    }

    public long size() {
        return size;
    }

    /** Start of the window holding a (non-negative) eventTime. */
    public long startOf(long eventTime) {
        return eventTime - Math.floorMod(eventTime, size);
    }

    public long endOf(long windowStart) {
        return windowStart + size;
    }

    public boolean isClosed(long windowStart, long streamTime) {
        return streamTime != SourceProgress.NONE && streamTime >= endOf(windowStart) + grace;
    }

    public boolean isLateInGrace(long windowStart, long streamTime) {
        return streamTime != SourceProgress.NONE && streamTime >= endOf(windowStart) && !isClosed(windowStart, streamTime);
    }

    /** Start of the latest window closed at this stream time, or {@link #NONE}. */
    public long lastClosedStart(long streamTime) {
        if (streamTime == SourceProgress.NONE) {
            return NONE;
        }
        long latestClosedEnd = streamTime - grace;
        long start = startOf(latestClosedEnd) - size;
        return start < 0 ? NONE : start;
    }

    public Duration grace() {
        return Duration.ofMillis(grace);
    }
}
