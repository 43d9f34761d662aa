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
     */
    Duration backfill(Instant now, Duration history, Duration window) {
        long windowMillis = window.toMillis();
        long from = Math.floorDiv(now.minus(history).toEpochMilli(), windowMillis) * windowMillis;
        Optional<Instant> last = last();
        if (last.isPresent()) {
            from = Math.max(from, last.get().toEpochMilli());
        }
        return Duration.ofMillis(Math.max(0, now.toEpochMilli() - from));
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
