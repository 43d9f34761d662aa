package io.industrybrain.app;

import io.industrybrain.serde.SchemaRegistryException;
import io.industrybrain.streams.topology.FullDisk;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app does when a stream thread fails, and the one line an operator reads about it. A registry that cannot be
 * reached fails a task without the records being at fault: the thread is replaced and retries from the last commit,
 * which exactly-once makes safe. Anything else stops the app, which its supervisor restarts: a deleted input topic or
 * a full disk named in the stop line, as conditions of the surroundings; any other failure is a bug that retrying
 * would only repeat, logged with its stack trace.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** Why the app stops when Kafka Streams does, for a failure already logged. */
    static final String STOPPED_FOR_GOOD = "Kafka Streams stopped processing for good (its failure is logged above); a restart tries again";

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final Path dataDir;
    private final Supplier<Optional<String>> deletedTopic;
    private final Consumer<String> stop;

    /**
     * @param deletedTopic a topic of the app's that the cluster lacks now, if any
     * @param stop         stops the app, given the reason an operator reads
     */
    StreamThreadFailures(Path dataDir, Supplier<Optional<String>> deletedTopic, Consumer<String> stop) {
        this.dataDir = dataDir;
        this.deletedTopic = deletedTopic;
        this.stop = stop;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        Optional<SchemaRegistryException> registryTrouble = SchemaRegistryException.behind(failure);
        if (registryTrouble.isPresent()) {
            LOG.warn("stream thread failed on the schema registry, replacing it: {}", registryTrouble.get().getMessage());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        Optional<String> fullDisk = FullDisk.behind(failure);
        if (fullDisk.isPresent()) {
            stop.accept("the disk under " + Setting.DATA_DIR.key() + " (" + dataDir.toAbsolutePath().normalize() + ") is full: "
                    + fullDisk.get() + "; free space and start again, the state is restored from the changelogs");
        } else if (failure instanceof MissingSourceTopicException missing) {
            stop.accept(deletedTopic.get().map(DeletedTopicWatch::stopReason).orElse("an input topic is missing: " + missing.getMessage()));
        } else {
            LOG.error("stream thread failed", failure);
            stop.accept(STOPPED_FOR_GOOD);
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
