package io.industrybrain.streams.topology.deadletter;

import io.industrybrain.streams.topology.Routed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the dead-letter branch of a step into the record {@code brain.dlq} receives: the original bytes and headers.
 *
 * <p>A letter the topic would refuse (an input record near its own topic's limit, plus the headers saying why) is
 * written without the record. Under exactly-once a refused record fails the transaction, and with it the task on
 * every retry: the app would stop, and stop again at each restart. The record is still in its input topic at the
 * offset the letter names.
 */
public final class DeadLetterWriter<K, T> implements Processor<K, Routed<T>, byte[], byte[]> {

    /** The Kafka Streams property the app sets to the dead-letter topic's {@code max.message.bytes}. */
    public static final String MAX_BYTES_CONFIG = "brain.dead.letter.max.bytes";
    /** Kafka's default {@code max.message.bytes}, for a topology not told the topic's own. */
    private static final int KAFKA_DEFAULT_MAX_BYTES = 1_048_588;
    /** Room for the batch's and the record's own framing; a batch of one record needs under 100 bytes. */
    private static final int FRAMING = 512;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private ProcessorContext<byte[], byte[]> context;
    private int maxBytes;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        Object configured = context.appConfigs().get(MAX_BYTES_CONFIG);
        this.maxBytes = configured == null ? KAFKA_DEFAULT_MAX_BYTES : Integer.parseInt(configured.toString());
    }

    @Override
    public void process(Record<K, Routed<T>> record) {
        if (!(record.value() instanceof Routed.Dead<T> dead)) {
            throw new IllegalArgumentException("only dead letters belong on this branch, got " + record.value());
        }
        DeadLetter letter = dead.letter();
        if (letter.size() + FRAMING > maxBytes) {
            LOG.warn("dead letter of {}-{}@{} ({}) written without the record: its {} bytes are more than the dead-letter topic takes "
                            + "(max.message.bytes {})", header(letter, DeadLetterHeaders.TOPIC), header(letter, DeadLetterHeaders.PARTITION),
                    header(letter, DeadLetterHeaders.OFFSET), header(letter, DeadLetterHeaders.REASON), letter.size(), maxBytes);
            letter = letter.withoutTheRecord(maxBytes);
        }
        context.forward(new Record<>(letter.key(), letter.value(), letter.timestamp(), letter.headers()));
    }

    private static String header(DeadLetter letter, String name) {
        return DeadLetterHeaders.read(letter.headers(), name).orElse("?");
    }
}
