package io.industrybrain.streams.topology;

import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * A state store that could not write because its disk is full. It is the surroundings' trouble, not a bug: an
 * operator frees space and starts the app again, which restores the stores from their changelogs.
 */
public final class FullDisk {

    private static final String NO_SPACE = "No space left on device";

    private FullDisk() { }

    /** What the store said when it found the disk full, however deep Kafka Streams has wrapped it; empty for other failures. */
    public static Optional<String> behind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            boolean noSpace = cause instanceof RocksDBException rocks && rocks.getStatus() != null
                    && rocks.getStatus().getSubCode() == Status.SubCode.NoSpace;
            if (noSpace || (cause.getMessage() != null && cause.getMessage().contains(NO_SPACE))) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }
}
