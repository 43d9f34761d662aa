package io.industrybrain.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded demo's simulated time had got to, kept in the data directory so that a restart
 * continues from there instead of re-sending events the pipeline has already counted (which would
 * come back as duplicates, or as LATE dead letters once their windows closed).
 */
final class SimulationProgress {

    private static final Logger LOG = LoggerFactory.getLogger(SimulationProgress.class);

    private final Path file;

    SimulationProgress(Path dataDir) {
        this.file = dataDir.resolve("simulator-progress");
    }

    /**
     * How far back the next run starts: from where the last run stopped, but no earlier than
     * {@code history} before now, rounded down to a window boundary so the first windows are whole.
     * The simulator starts on a sample-interval boundary at or before now minus the backfill, so a
     * continuation is rounded up to the next boundary: the samples before it were sent already.
     */
    Duration backfill(Instant now, Duration history, Duration window, Duration sampleInterval) {
        long from = floor(now.minus(history).toEpochMilli(), window.toMillis());
        Optional<Instant> last = last();
        if (last.isPresent()) {
            long sample = sampleInterval.toMillis();
            from = Math.max(from, floor(last.get().toEpochMilli() + sample - 1, sample));
        }
        return Duration.ofMillis(Math.max(0, now.toEpochMilli() - from));
    }

    private static long floor(long millis, long unit) {
        return Math.floorDiv(millis, unit) * unit;
    }

    Optional<Instant> last() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file).strip()));
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("ignoring unreadable simulator progress in {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void save(Instant simulatedTime) {
        try {
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), simulatedTime.toString());
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot save simulator progress to {}: {}", file, e.toString());
        }
    }
}
