package io.industrybrain.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything that shapes a simulation run. Validation names the bad setting by the name of its
 * command-line flag ({@code --rate}, {@code --sample-interval}, ...).
 *
 * <p>Only {@code seed}, {@code enterprises}, {@code devicesPerEnterprise} and {@code progress}
 * decide which fleet is drawn; the other settings decide how it runs.
 *
 * @param enterprises number of enterprises in the fleet ({@code --enterprises})
 * @param devicesPerEnterprise machines per enterprise; 0 draws a number per enterprise from its
 *                             head count ({@code --devices-per-enterprise})
 * @param ratePerSecond the most records sent per second of wall-clock time, may be infinite ({@code --rate})
 * @param seed the seed of every random draw: same seed and same clock, same records ({@code --seed})
 * @param faults the fault rates ({@code --faults})
 * @param backfill how far before the start the simulated time begins; that span is generated as
 *                 fast as {@code rate} allows, then the simulation follows the wall clock ({@code --backfill})
 * @param window size of the pipeline's tumbling windows ({@code --window})
 * @param grace the pipeline's grace period ({@code --grace}); late faults are older than window + grace
 * @param sampleInterval span of one telemetry sample; every machine sends one per interval ({@code --sample-interval})
 * @param heartbeatInterval how often each business system reports; shorter than the window, so every
 *                          window sees every system ({@code --heartbeat-interval})
 * @param outageDuration how long a gateway outage holds samples back ({@code --outage-duration})
 * @param referenceChangesPerDay changes of reference data (head count, city, chain) per enterprise
 *                               per simulated day ({@code --reference-changes-per-day})
 * @param progress 0.0 is the plan's 2020 baseline, 1.0 its 2025 targets ({@code --progress})
 */
public record SimulatorSettings(
        int enterprises,
        int devicesPerEnterprise,
        double ratePerSecond,
        long seed,
        FaultRates faults,
        Duration backfill,
        Duration window,
        Duration grace,
        Duration sampleInterval,
        Duration heartbeatInterval,
        Duration outageDuration,
        double referenceChangesPerDay,
        double progress) {

    /** Upper bound of the fleet: arrays are indexed by int and sized once. */
    public static final int MAX_DEVICES = 10_000_000;

    public SimulatorSettings {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(backfill, "backfill");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(sampleInterval, "sample-interval");
        Objects.requireNonNull(heartbeatInterval, "heartbeat-interval");
        Objects.requireNonNull(outageDuration, "outage-duration");
        require(enterprises >= 1 && enterprises <= 1_000_000, "enterprises", "within [1, 1000000]", enterprises);
        require(devicesPerEnterprise >= 0 && devicesPerEnterprise <= 10_000, "devices-per-enterprise",
                "within [0, 10000] (0 draws it per enterprise)", devicesPerEnterprise);
        require((long) enterprises * devicesPerEnterprise <= MAX_DEVICES, "devices-per-enterprise",
                "such that enterprises x devices-per-enterprise <= " + MAX_DEVICES, devicesPerEnterprise);
        require(ratePerSecond > 0, "rate", "> 0", ratePerSecond);
        require(!backfill.isNegative(), "backfill", ">= 0", backfill);
        require(window.compareTo(Duration.ofSeconds(1)) >= 0 && window.toMillis() % 1000 == 0,
                "window", "whole seconds, at least PT1S", window);
        require(!grace.isNegative(), "grace", ">= 0", grace);
        require(sampleInterval.compareTo(Duration.ofSeconds(1)) >= 0 && sampleInterval.toMillis() % 1000 == 0,
                "sample-interval", "whole seconds, at least PT1S", sampleInterval);
        require(sampleInterval.compareTo(window) < 0, "sample-interval", "shorter than the window " + window,
                sampleInterval);
        // An enterprise counts as fully digitized in a window only if all its systems report in it.
        require(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero() && heartbeatInterval.compareTo(window) < 0, "heartbeat-interval",
                "positive and shorter than the window " + window, heartbeatInterval);
        require(!outageDuration.isNegative() && !outageDuration.isZero(), "outage-duration", "positive", outageDuration);
        // Held-back records must still be within grace when they arrive, or a reorder or an outage
        // would turn into a late record and the fault counts would not match the pipeline's.
        if (faults.reorder() > 0) {
            require(sampleInterval.compareTo(grace) < 0, "sample-interval",
                    "shorter than the grace " + grace + " when reorder faults are on", sampleInterval);
        }
        if (faults.outage() > 0) {
            require(outageDuration.plus(sampleInterval).compareTo(grace) < 0, "outage-duration",
                    "shorter than the grace " + grace + " minus the sample interval when outage faults are on",
                    outageDuration);
        }
        require(referenceChangesPerDay >= 0 && Double.isFinite(referenceChangesPerDay),
                "reference-changes-per-day", ">= 0", referenceChangesPerDay);
        require(progress >= 0.0 && progress <= 1.0, "progress", "within [0, 1]", progress);
    }

    /**
     * 200 enterprises with machines drawn per enterprise (about 4,000), at most 20,000 records
     * a second, seed 2020, no faults, no backfill, 1 h windows with 10 min grace, one sample a
     * minute, heartbeats every 15 min, 5 min outages, 0.05 reference changes per enterprise a
     * day, the 2020 baseline.
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(200, 0, 20_000, 2020L, FaultRates.NONE, Duration.ZERO,
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(15),
                Duration.ofMinutes(5), 0.05, 0.0);
    }

    public SimulatorSettings withEnterprises(int value) {
        return edit(copy -> copy.enterprises = value);
    }

    public SimulatorSettings withDevicesPerEnterprise(int value) {
        return edit(copy -> copy.devicesPerEnterprise = value);
    }

    public SimulatorSettings withRatePerSecond(double value) {
        return edit(copy -> copy.ratePerSecond = value);
    }

    public SimulatorSettings withSeed(long value) {
        return edit(copy -> copy.seed = value);
    }

    public SimulatorSettings withFaults(FaultRates value) {
        return edit(copy -> copy.faults = value);
    }

    public SimulatorSettings withBackfill(Duration value) {
        return edit(copy -> copy.backfill = value);
    }

    public SimulatorSettings withWindow(Duration value) {
        return edit(copy -> copy.window = value);
    }

    public SimulatorSettings withGrace(Duration value) {
        return edit(copy -> copy.grace = value);
    }

    public SimulatorSettings withSampleInterval(Duration value) {
        return edit(copy -> copy.sampleInterval = value);
    }

    public SimulatorSettings withHeartbeatInterval(Duration value) {
        return edit(copy -> copy.heartbeatInterval = value);
    }

    public SimulatorSettings withOutageDuration(Duration value) {
        return edit(copy -> copy.outageDuration = value);
    }

    public SimulatorSettings withReferenceChangesPerDay(double value) {
        return edit(copy -> copy.referenceChangesPerDay = value);
    }

    public SimulatorSettings withProgress(double value) {
        return edit(copy -> copy.progress = value);
    }

    /** A copy with some settings changed, validated again as a whole. */
    private SimulatorSettings edit(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.settings();
    }

    /** The settings as fields that can change: the one place that lists them all for a copy. */
    private static final class Copy {
        int enterprises;
        int devicesPerEnterprise;
        double ratePerSecond;
        long seed;
        FaultRates faults;
        Duration backfill;
        Duration window;
        Duration grace;
        Duration sampleInterval;
        Duration heartbeatInterval;
        Duration outageDuration;
        double referenceChangesPerDay;
        double progress;

        Copy(SimulatorSettings from) {
            enterprises = from.enterprises;
            devicesPerEnterprise = from.devicesPerEnterprise;
            ratePerSecond = from.ratePerSecond;
            seed = from.seed;
            faults = from.faults;
            backfill = from.backfill;
            window = from.window;
            grace = from.grace;
            sampleInterval = from.sampleInterval;
            heartbeatInterval = from.heartbeatInterval;
            outageDuration = from.outageDuration;
            referenceChangesPerDay = from.referenceChangesPerDay;
            progress = from.progress;
        }

        SimulatorSettings settings() {
            return new SimulatorSettings(enterprises, devicesPerEnterprise, ratePerSecond, seed, faults, backfill, window,
                    grace, sampleInterval, heartbeatInterval, outageDuration, referenceChangesPerDay, progress);
        }
    }

    private static void require(boolean valid, String setting, String expectation, Object actual) {
        if (!valid) {
            throw new IllegalArgumentException(
                    "simulator setting '" + setting + "' must be " + expectation + ", was " + actual);
        }
    }
}
