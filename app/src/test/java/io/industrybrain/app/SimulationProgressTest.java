package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:17:30Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aFirstRunStartsAtTheWindowBoundaryTwoHoursBack() {
        // 16:17:30 - 2 h = 14:17:30, down to the window start 14:00
        assertEquals(Duration.parse("PT2H17M30S"), new SimulationProgress(dir).backfill(NOW, Duration.ofHours(2), HOUR, FIVE_MINUTES));
    }

    @Test
    void aRestartContinuesAtTheFirstSampleBoundaryNotYetSent() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-23T16:11:05Z"));

        // the last run sent the 16:10 samples; the next boundary is 16:15, 2 min 30 s before now
        assertEquals(Duration.parse("PT2M30S"), progress.backfill(NOW, Duration.ofHours(2), HOUR, FIVE_MINUTES));
    }

    @Test
    void aRestartOnABoundaryDoesNotResendIt() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-23T16:10:00Z"));

        assertEquals(Duration.parse("PT7M30S"), progress.backfill(NOW, Duration.ofHours(2), HOUR, FIVE_MINUTES));
    }

    @Test
    void aRestartAfterALongPauseBackfillsNoMoreThanTheHistory() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-20T09:00:00Z"));

        assertEquals(Duration.parse("PT2H17M30S"), progress.backfill(NOW, Duration.ofHours(2), HOUR, FIVE_MINUTES));
    }

    @Test
    void anUnreadableFileCountsAsAFirstRun() throws IOException {
        Files.writeString(dir.resolve("simulator-progress"), "yesterday");

        assertEquals(Duration.parse("PT2H17M30S"), new SimulationProgress(dir).backfill(NOW, Duration.ofHours(2), HOUR, FIVE_MINUTES));
    }
}
