package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default fleet, computed over by {@link ProvinceWindows} (an independent reading of
 * docs/contract.md), lands on the plan's 2020 baseline, and {@code progress} 1 on its 2025 targets.
 *
 * <p>Tolerances. Fully digitized enterprises are assigned by quota, so the rate in every window
 * is round(share x n) / n: within 0.5 / n of the plan's share, n being the number of above-scale
 * enterprises. Productivity is exact in expectation (the fleet's productivity factors are
 * normalised, and each line's batches start as a stationary process); what is left is where
 * batch boundaries fall relative to the window edges, plus +-10 % noise per batch. Measured
 * over 20 seeds with the default 200 enterprises (mean 25.00), the standard deviation of one
 * 1-hour window is 1.7 % and of the mean of five windows 0.34 %. The tolerances, 6 % for a
 * window and 2 % for the mean, are about 3.5 and 6 standard deviations: a calibration off by
 * 2 % or more fails the mean, noise does not.
 */
class CalibrationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    private static final int WINDOWS = 5;
    private static final double WINDOW_TOLERANCE = 0.06;
    private static final double MEAN_TOLERANCE = 0.02;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2020L, 7L, 99L})
    void theDefaultFleetMatchesThe2020Baseline(long seed) {
        ProvinceWindows province = backfill(SimulatorSettings.defaults().withSeed(seed));

        double productivitySum = 0;
        long aboveScale = province.aboveScaleEnterprises();
        for (int w = 0; w < WINDOWS; w++) {
            ProvinceWindows.Indicators window = province.window(windowStart(w));
            assertEquals(200, window.enterprises(), "every enterprise reports in every window");
            assertEquals(25.0, window.annualizedProductivityAboveScale(), 25.0 * WINDOW_TOLERANCE, "window " + w);
            assertEquals(0.683, window.fullyDigitizedRate(), 0.5 / aboveScale + 1e-9, "window " + w);
            assertEquals(0.60, window.cloudAdoptionRate(), 0.5 / 200 + 1e-9, "window " + w);
            productivitySum += window.annualizedProductivityAboveScale();
        }
        assertEquals(25.0, productivitySum / WINDOWS, 25.0 * MEAN_TOLERANCE);
    }

    @Test
    void fullProgressMatchesThe2025Targets() {
        ProvinceWindows province = backfill(SimulatorSettings.defaults().withProgress(1.0));

        // The plan's 2025 society-wide target is 22 against 16.6 in 2020; above scale grows alike.
        double productivityTarget = 25.0 * 22.0 / 16.6;
        double productivitySum = 0;
        long aboveScale = province.aboveScaleEnterprises();
        for (int w = 0; w < WINDOWS; w++) {
            ProvinceWindows.Indicators window = province.window(windowStart(w));
            assertEquals(productivityTarget, window.annualizedProductivityAboveScale(),
                    productivityTarget * WINDOW_TOLERANCE, "window " + w);
            assertEquals(0.80, window.fullyDigitizedRate(), 0.5 / aboveScale + 1e-9, "window " + w);
            assertEquals(0.80, window.cloudAdoptionRate(), 0.5 / 200 + 1e-9, "window " + w);
            productivitySum += window.annualizedProductivityAboveScale();
        }
        assertEquals(productivityTarget, productivitySum / WINDOWS, productivityTarget * MEAN_TOLERANCE);
    }

    @Test
    void halfwayProgressLiesBetweenBaselineAndTargets() {
        ProvinceWindows province = backfill(SimulatorSettings.defaults().withProgress(0.5));

        ProvinceWindows.Indicators window = province.window(windowStart(2));
        assertEquals((0.683 + 0.80) / 2, window.fullyDigitizedRate(), 0.5 / province.aboveScaleEnterprises() + 1e-9);
        double productivity = window.annualizedProductivityAboveScale();
        assertTrue(productivity > 25.0 * (1 + WINDOW_TOLERANCE) && productivity < 33.13 * (1 - WINDOW_TOLERANCE),
                "productivity " + productivity + " between the baseline and the target");
    }

    /** Generates five full hours that end now, flat out, into the independent computation. */
    private static ProvinceWindows backfill(SimulatorSettings settings) {
        ProvinceWindows province = new ProvinceWindows(settings.window());
        Simulator simulator = new Simulator(settings
                .withBackfill(Duration.ofHours(WINDOWS))
                .withRatePerSecond(Double.POSITIVE_INFINITY), new FakeClock(NOW), province);
        while (simulator.emitDue() > 0) {
            // until everything up to now is out
        }
        assertEquals(NOW.minus(Duration.ofHours(WINDOWS)), simulator.startTime());
        return province;
    }

    private static Instant windowStart(int index) {
        return NOW.minus(Duration.ofHours(WINDOWS - index));
    }
}
