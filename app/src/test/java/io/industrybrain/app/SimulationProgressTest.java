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
        assertEquals(Instant.parse("2026-11-23T14:00:00Z"), new SimulationProgress(dir).startFrom(NOW, Duration.ofHours(2), HOUR));
    }

    @Test
    void aRestartContinuesExactlyWhereTheLastRunHadDelivered() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-23T16:11:05Z"));

        // not the 16:10 boundary (sent already) nor the 16:15 one (what lies between would never be sent)
        assertEquals(Instant.parse("2026-11-23T16:11:05Z"), progress.startFrom(NOW, Duration.ofHours(2), HOUR));
    }

    @Test
    void aSavedInstantAheadOfTheClockStartsNow() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-23T17:00:00Z"));

        assertEquals(NOW, progress.startFrom(NOW, Duration.ofHours(2), HOUR));
    }

    @Test
    void aRestartAfterALongPauseBackfillsNoMoreThanTheHistory() {
        SimulationProgress progress = new SimulationProgress(dir);
        progress.save(Instant.parse("2026-11-20T09:00:00Z"));

        assertEquals(Instant.parse("2026-11-23T14:00:00Z"), progress.startFrom(NOW, Duration.ofHours(2), HOUR));
    }

    @Test
    void anUnreadableFileCountsAsAFirstRun() throws IOException {
        Files.writeString(dir.resolve("simulator-progress"), "yesterday");

        assertEquals(Instant.parse("2026-11-23T14:00:00Z"), new SimulationProgress(dir).startFrom(NOW, Duration.ofHours(2), HOUR));
    }
}
