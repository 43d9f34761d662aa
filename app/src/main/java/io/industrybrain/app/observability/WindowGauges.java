package io.industrybrain.app.observability;

import io.industrybrain.streams.topology.window.OpenWindows;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;

/**
 * The window stage's open windows, and the window settings the alert thresholds are derived from:
 * <ul>
 *   <li>{@code brain_open_windows}: distinct event-time windows with an open state in this process</li>
 *   <li>{@code brain_open_enterprise_windows}: open (enterprise, window) states</li>
 *   <li>{@code brain_oldest_open_window_age_seconds}: wall clock minus the start of the oldest open
 *       window; NaN when none is open. Normally below window + grace; more means stream time is stuck.</li>
 *   <li>{@code brain_window_length_seconds}, {@code brain_window_grace_seconds}: the settings, so that
 *       one alert rule fits every deployment's window</li>
 * </ul>
 */
final class WindowGauges implements MeterBinder {

    private final OpenWindows openWindows;
    private final Duration window;
    private final Duration grace;
    private final Clock clock;

    WindowGauges(OpenWindows openWindows, Duration window, Duration grace, Clock clock) {
        this.openWindows = openWindows;
        this.window = window;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("brain.open.windows", openWindows, open -> open.snapshot().windows())
                .description("Distinct event-time windows with an open state in this process")
                .register(registry);
        Gauge.builder("brain.open.enterprise.windows", openWindows, open -> open.snapshot().enterpriseWindows())
                .description("Open (enterprise, window) states in this process")
                .register(registry);
        Gauge.builder("brain.oldest.open.window.age", openWindows, this::oldestAgeSeconds)
                .description("Wall-clock time since the start of the oldest open window")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("brain.window.length", window, w -> w.toMillis() / 1000.0)
                .description("Size of the tumbling event-time windows (setting window)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("brain.window.grace", grace, g -> g.toMillis() / 1000.0)
                .description("How long after its end a window still accepts events (setting grace)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    private double oldestAgeSeconds(OpenWindows open) {
        var oldest = open.snapshot().oldestStart();
        return oldest.isEmpty() ? Double.NaN : (clock.millis() - oldest.getAsLong()) / 1000.0;
    }
}
