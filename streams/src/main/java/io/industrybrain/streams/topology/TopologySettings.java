package io.industrybrain.streams.topology;

import io.industrybrain.topics.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the enterprise-metrics topology is configured with.
 *
 * @param topics                    names of every topic read and written
 * @param window                    size of the tumbling event-time windows (setting {@code window})
 * @param grace                     how long after its end a window still accepts events (setting {@code grace})
 * @param smartFactoryMinNcRatio    {@code smart.factory.min.nc.ratio}
 * @param smartFactoryMinCloudRatio {@code smart.factory.min.cloud.ratio}
 * @param updateInterval            how often pending updates are written to {@code brain.metrics}: each
 *                                  (enterprise, window) changed since the last interval gets one record.
 *                                  {@link Duration#ZERO} writes one update per input record.
 * @param intakeTasks               how many intake tasks feed the window stage: the highest partition count
 *                                  among the four event topics (intake task p reads partition p of each).
 *                                  No window closes before each of them has reported its progress or gone
 *                                  idle, so the app passes the count it finds when it describes the topics.
 */
public record TopologySettings(
        TopicNames topics,
        Duration window,
        Duration grace,
        double smartFactoryMinNcRatio,
        double smartFactoryMinCloudRatio,
        Duration updateInterval,
        int intakeTasks) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
    public static final double DEFAULT_SMART_FACTORY_MIN_RATIO = 0.7;
    /** Bounds the update volume to one record per enterprise and open window per second. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(1);
    /** One partition per event topic, as under TopologyTestDriver. */
    public static final int DEFAULT_INTAKE_TASKS = 1;

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(updateInterval, "updateInterval");
        if (window.toMillis() <= 0) {
            throw new IllegalArgumentException("window must be at least 1 ms, was " + window);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        if (updateInterval.isNegative()) {
            throw new IllegalArgumentException("updateInterval must not be negative, was " + updateInterval);
        }
        if (intakeTasks < 1) {
            throw new IllegalArgumentException("intakeTasks must be at least 1, was " + intakeTasks);
        }
        requireRatio("smartFactoryMinNcRatio", smartFactoryMinNcRatio);
        requireRatio("smartFactoryMinCloudRatio", smartFactoryMinCloudRatio);
    }

    /** The defaults of DOMAIN.md: 1 h windows, 10 min grace, 0.7 / 0.7 smart-factory thresholds; one intake task. */
    public static TopologySettings defaults(TopicNames topics) {
        return new TopologySettings(topics, DEFAULT_WINDOW, DEFAULT_GRACE,
                DEFAULT_SMART_FACTORY_MIN_RATIO, DEFAULT_SMART_FACTORY_MIN_RATIO, DEFAULT_UPDATE_INTERVAL, DEFAULT_INTAKE_TASKS);
    }

    public TopologySettings withWindow(Duration newWindow, Duration newGrace) {
        return new TopologySettings(topics, newWindow, newGrace, smartFactoryMinNcRatio, smartFactoryMinCloudRatio, updateInterval,
                intakeTasks);
    }

    public TopologySettings withSmartFactoryThresholds(double minNcRatio, double minCloudRatio) {
        return new TopologySettings(topics, window, grace, minNcRatio, minCloudRatio, updateInterval, intakeTasks);
    }

    public TopologySettings withUpdateInterval(Duration newUpdateInterval) {
        return new TopologySettings(topics, window, grace, smartFactoryMinNcRatio, smartFactoryMinCloudRatio, newUpdateInterval,
                intakeTasks);
    }

    public TopologySettings withIntakeTasks(int newIntakeTasks) {
        return new TopologySettings(topics, window, grace, smartFactoryMinNcRatio, smartFactoryMinCloudRatio, updateInterval,
                newIntakeTasks);
    }

    private static void requireRatio(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }
}
