package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.serde.SchemaRegistryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class StreamThreadFailuresTest {

    private final List<String> stops = new ArrayList<>();
    private Optional<String> deletedTopic = Optional.empty();
    private final StreamThreadFailures failures = new StreamThreadFailures(Path.of("/var/lib/brain"), () -> deletedTopic, stops::add);

    @Test
    void aRegistryOutageReplacesTheThreadToRetry() {
        Throwable failure = new StreamsException(new SchemaRegistryException(SchemaRegistryException.NO_ANSWER,
                "schema registry at http://localhost:1 cannot be reached", null));

        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handle(failure));
        assertEquals(List.of(), stops);
    }

    @Test
    void aMissingSourceTopicStopsTheAppNamingTheTopicTheClusterLacks() {
        deletedTopic = Optional.of("brain.telemetry");

        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                failures.handle(new MissingSourceTopicException("One or more source topics were missing during rebalance")));
        assertEquals(List.of("topic brain.telemetry was deleted under the running app; a restart creates it again, empty (what it held is gone)"),
                stops);
    }

    @Test
    void aMissingSourceTopicTheClusterHasAgainStillStopsTheApp() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                failures.handle(new MissingSourceTopicException("One or more source topics were missing during rebalance")));
        assertEquals(List.of("an input topic is missing: One or more source topics were missing during rebalance"), stops);
    }

    @Test
    void aFullDiskStopsTheAppNamingTheDataDirectory() {
        String said = "While appending to file: /var/lib/brain/streams/app/2_1/rocksdb/store/000011.sst: No space left on device";
        Throwable failure = new StreamsException(new ProcessorStateException("Error while putting key/value into store store",
                new RocksDBException(said, new Status(Status.Code.IOError, Status.SubCode.NoSpace, said))));

        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(failure));
        assertEquals(List.of("the disk under data.dir (/var/lib/brain) is full: " + said
                + "; free space and start again, the state is restored from the changelogs"), stops);
    }

    @Test
    void anythingElseStopsTheAppInsteadOfLoopingOnABug() {
        Throwable failure = new StreamsException(new IllegalStateException("duplicate of a window with no state"));

        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(failure));
        assertEquals(List.of(StreamThreadFailures.STOPPED_FOR_GOOD), stops);
    }
}
