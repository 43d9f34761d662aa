package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.window.OpenWindows;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowGaugesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T11:05:30Z");

    private final OpenWindows openWindows = new OpenWindows();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    WindowGaugesTest() {
        new WindowGauges(openWindows, Duration.ofHours(1), Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(registry);
    }

    @Test
    void openWindowsAcrossTasksAndTheAgeOfTheOldest() {
        long ten = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        long eleven = Instant.parse("2026-03-01T11:00:00Z").toEpochMilli();
        openWindows.opened("2_0", ten);
        openWindows.opened("2_0", eleven);
        openWindows.opened("2_1", ten);
        openWindows.opened("2_1", eleven);
        openWindows.opened("2_1", eleven);

        PrometheusText text = new PrometheusText(registry.scrape());

        assertEquals(2.0, text.require("brain_open_windows"));
        assertEquals(5.0, text.require("brain_open_enterprise_windows"));
        assertEquals(Duration.ofMinutes(65).plusSeconds(30).toSeconds(), text.require("brain_oldest_open_window_age_seconds"));
        assertEquals(3600.0, text.require("brain_window_length_seconds"));
        assertEquals(600.0, text.require("brain_window_grace_seconds"));
    }

    @Test
    void closedAndForgottenWindowsNoLongerCount() {
        long ten = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        long eleven = Instant.parse("2026-03-01T11:00:00Z").toEpochMilli();
        openWindows.opened("2_0", ten);
        openWindows.opened("2_1", eleven);
        openWindows.closed("2_0", ten);

        PrometheusText text = new PrometheusText(registry.scrape());
        assertEquals(1.0, text.require("brain_open_windows"));
        assertEquals(330.0, text.require("brain_oldest_open_window_age_seconds"), "11:05:30 - 11:00");

        openWindows.forget("2_1");
        PrometheusText none = new PrometheusText(registry.scrape());
        assertEquals(0.0, none.require("brain_open_enterprise_windows"));
        assertTrue(Double.isNaN(none.require("brain_oldest_open_window_age_seconds")), "no open window has no age");
    }
}
