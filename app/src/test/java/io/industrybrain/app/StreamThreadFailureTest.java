package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.serde.SchemaRegistryException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailureTest {

    @Test
    void aRegistryOutageReplacesTheThreadToRetry() {
        Throwable failure = new StreamsException(new SchemaRegistryException(SchemaRegistryException.NO_ANSWER,
                "schema registry at http://localhost:1 cannot be reached", null));

        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, BrainApp.onStreamThreadFailure(failure));
    }

    @Test
    void anythingElseStopsTheClientInsteadOfLoopingOnABug() {
        Throwable failure = new StreamsException(new IllegalStateException("duplicate of a window with no state"));

        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, BrainApp.onStreamThreadFailure(failure));
    }
}
