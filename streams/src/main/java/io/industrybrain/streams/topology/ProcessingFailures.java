package io.industrybrain.streams.topology;

import io.industrybrain.serde.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the task on every exception a processor throws: bad input is dead-lettered by the topology, so what reaches
 * here is a bug, a registry that cannot be asked or a full disk, and skipping the record would lose it. A bug is
 * logged with its stack trace; registry trouble and a full disk are expected and logged by no one here: the app's
 * uncaught-exception handler gives each its one line.
 */
public final class ProcessingFailures implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailures.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryException.behind(exception).isEmpty() && FullDisk.behind(exception).isEmpty()) {
            LOG.error("processing failed in {} of task {} at {}-{}@{}", context.processorNodeId(), context.taskId(),
                    context.topic(), context.partition(), context.offset(), exception);
        }
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) { }
}
