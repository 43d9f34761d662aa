package io.industrybrain.streams.topology.progress;

import io.industrybrain.streams.topology.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * The timings of event-time progress (see the package documentation).
 *
 * @param markerInterval how often an intake task announces its progress (setting {@code watermark.interval})
 * @param idleAfter      how long an input partition must have been consumed to its end, admitting nothing, before it
 *                       stops holding its intake task's progress back, and a task whose partitions all have,
 *                       before windows stop waiting for it (setting {@code intake.idle.after})
 */
public record ProgressTimings(Duration markerInterval, Duration idleAfter) {

    public static final ProgressTimings DEFAULTS = new ProgressTimings(Duration.ofSeconds(1), Duration.ofSeconds(5));

    public ProgressTimings {
        Objects.requireNonNull(markerInterval, "markerInterval");
        Objects.requireNonNull(idleAfter, "idleAfter");
        if (markerInterval.toMillis() < 1) {
            throw new InvalidSettingException("watermark.interval", "must be at least 1 ms");
        }
        if (idleAfter.isNegative()) {
            throw new InvalidSettingException("intake.idle.after", "must not be negative");
        }
    }
}
