package io.industrybrain.streams.topology;

import io.industrybrain.streams.topology.progress.ProgressTimings;
import io.industrybrain.topics.TopicNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything the enterprise-metrics topology is configured with. The constructor holds the rules of these values,
 * for the application's settings too: a value that breaks one fails with an {@link InvalidSettingException}
 * naming the setting.
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
 * @param partitions                partitions of the window stage (its by-enterprise topic): a roll-up window is
 *                                  final once every one of them has closed it, so the count is fixed, not derived
 *                                  (setting {@code partitions})
 * @param minGroupSize              roll-ups and chain percentiles drawn from fewer enterprises are suppressed
 *                                  (setting {@code min.group.size})
 * @param progress                  the timings of event-time progress (settings {@code watermark.interval},
 *                                  {@code intake.idle.after}; see the package {@code progress})
 * @param periodZone                the time zone whose calendar days, months, quarters and years the period records
 *                                  cover (setting {@code period.zone}; see the package {@code period})
 */
public record TopologySettings(
        TopicNames topics,
        Duration window,
        Duration grace,
        double smartFactoryMinNcRatio,
        double smartFactoryMinCloudRatio,
        Duration updateInterval,
        int intakeTasks,
        int partitions,
        int minGroupSize,
        ProgressTimings progress,
        ZoneId periodZone) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
    public static final double DEFAULT_SMART_FACTORY_MIN_RATIO = 0.7;
    /** Bounds the update volume to one record per enterprise and open window per second. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(1);
    /** One partition per event topic, as under TopologyTestDriver. */
    public static final int DEFAULT_INTAKE_TASKS = 1;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final int DEFAULT_MIN_GROUP_SIZE = 3;
    /** The province's own calendar: a day is [16:00Z, 16:00Z). */
    public static final ZoneId DEFAULT_PERIOD_ZONE = ZoneId.of("Asia/Shanghai");

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(periodZone, "periodZone");
        if (window.toMillis() <= 0) {
            throw new InvalidSettingException("window", "must be longer than zero");
        }
        if (grace.isNegative()) {
            throw new InvalidSettingException("grace", "must not be negative");
        }
        if (updateInterval.isNegative()) {
            throw new InvalidSettingException("update.interval", "must not be negative");
        }
        if (intakeTasks < 1) {
            throw new IllegalArgumentException("intakeTasks must be at least 1, was " + intakeTasks);
        }
        if (partitions < 1) {
            throw new InvalidSettingException("partitions", "must be at least 1");
        }
        if (minGroupSize < 1) {
            throw new InvalidSettingException("min.group.size", "must be at least 1");
        }
        requireRatio("smart.factory.min.nc.ratio", smartFactoryMinNcRatio);
        requireRatio("smart.factory.min.cloud.ratio", smartFactoryMinCloudRatio);
    }

    /** The defaults of docs/contract.md: 1 h windows, 10 min grace, 0.7 / 0.7 smart-factory thresholds, groups of 3; one intake task. */
    public static TopologySettings defaults(TopicNames topics) {
        return new TopologySettings(topics, DEFAULT_WINDOW, DEFAULT_GRACE, DEFAULT_SMART_FACTORY_MIN_RATIO,
                DEFAULT_SMART_FACTORY_MIN_RATIO, DEFAULT_UPDATE_INTERVAL, DEFAULT_INTAKE_TASKS, DEFAULT_PARTITIONS,
                DEFAULT_MIN_GROUP_SIZE, ProgressTimings.DEFAULTS, DEFAULT_PERIOD_ZONE);
    }

    public TopologySettings withWindow(Duration newWindow, Duration newGrace) {
        return with("window", newWindow).with("grace", newGrace);
    }

    public TopologySettings withSmartFactoryThresholds(double minNcRatio, double minCloudRatio) {
        return with("smartFactoryMinNcRatio", minNcRatio).with("smartFactoryMinCloudRatio", minCloudRatio);
    }

    public TopologySettings withUpdateInterval(Duration newUpdateInterval) {
        return with("updateInterval", newUpdateInterval);
    }

    public TopologySettings withIntakeTasks(int newIntakeTasks) {
        return with("intakeTasks", newIntakeTasks);
    }

    public TopologySettings withPartitions(int newPartitions) {
        return with("partitions", newPartitions);
    }

    public TopologySettings withMinGroupSize(int newMinGroupSize) {
        return with("minGroupSize", newMinGroupSize);
    }

    public TopologySettings withProgress(ProgressTimings newProgress) {
        return with("progress", newProgress);
    }

    public TopologySettings withPeriodZone(ZoneId newPeriodZone) {
        return with("periodZone", newPeriodZone);
    }

    /**
     * A copy with one component replaced, checked again by the constructor. It reads the record's own component
     * list, so that no method lists the components a second time; a wrong name fails in every test that copies.
     */
    private TopologySettings with(String component, Object value) {
        RecordComponent[] components = TopologySettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                found |= components[i].getName().equals(component);
                values[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(this);
            }
            if (!found) {
                throw new IllegalArgumentException("TopologySettings has no component " + component);
            }
            return TopologySettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException broken ? broken : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireRatio(String setting, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InvalidSettingException(setting, "must be between 0 and 1");
        }
    }
}
