package io.industrybrain.streams.topology.deadletter;

import io.industrybrain.streams.topology.Routed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns the dead-letter branch of a step into the record {@code brain.dlq} receives: the original bytes and headers. */
public final class DeadLetterWriter<K, T> implements Processor<K, Routed<T>, byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<K, Routed<T>> record) {
        if (!(record.value() instanceof Routed.Dead<T> dead)) {
            throw new IllegalArgumentException("only dead letters belong on this branch, got " + record.value());
        }
        DeadLetter letter = dead.letter();
        context.forward(new Record<>(letter.key(), letter.value(), letter.timestamp(), letter.headers()));
    }
}
