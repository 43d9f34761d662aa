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
     * Where the next run's events start: where the last run had delivered up to, but no earlier than
     * {@code history} before now rounded down to a window boundary, so that the first windows are whole. The
     * simulator itself starts on the sample-interval boundary before it; {@link EventsFrom} drops what it
     * generates before this instant, which the last run sent. Only the events of the saved instant itself are
     * sent again (the instant is saved once everything before it is delivered, not everything at it).
     */
    Instant startFrom(Instant now, Duration history, Duration window) {
        long from = Math.floorDiv(now.minus(history).toEpochMilli(), window.toMillis()) * window.toMillis();
        Optional<Instant> last = last();
        if (last.isPresent()) {
            from = Math.max(from, Math.min(last.get().toEpochMilli(), now.toEpochMilli()));
        }
        return Instant.ofEpochMilli(from);
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
