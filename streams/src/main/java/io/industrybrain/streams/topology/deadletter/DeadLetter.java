package io.industrybrain.streams.topology.deadletter;

import io.industrybrain.streams.topology.internal.SourceHeader;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record bound for {@code brain.dlq}: the input record's key and value bytes exactly as received,
 * its timestamp, its own headers, and the {@link DeadLetterHeaders} saying why and where from.
 */
public record DeadLetter(byte[] key, byte[] value, long timestamp, Headers headers) {

    /** Long enough for any of our messages; bounds a header built from a huge exception message. */
    static final int MAX_ERROR_LENGTH = 2000;

    public static DeadLetter of(SourceRecord source, DeadLetterReason reason, String error) {
        RecordHeaders headers = new RecordHeaders();
        for (SourceHeader header : source.getHeaders()) {
            // A record replayed from the DLQ and rejected again gets fresh reasons, not two sets.
            if (!DeadLetterHeaders.isDeadLetterHeader(header.getKey())) {
                headers.add(header.getKey(), bytes(header.getValue()));
            }
        }
        headers.add(DeadLetterHeaders.REASON, utf8(reason.name()));
        headers.add(DeadLetterHeaders.TOPIC, utf8(source.getTopic()));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(source.getPartition())));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(source.getOffset())));
        String message = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) + "…" : error;
        headers.add(DeadLetterHeaders.ERROR, utf8(message));
        return new DeadLetter(bytes(source.getKey()), bytes(source.getValue()), source.getTimestamp(), headers);
    }

    /** About what the letter weighs in a record batch: its key, value and headers. */
    public int size() {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /**
     * The letter without the input record's key, value and own headers, for a dead-letter topic that would not take
     * it whole: the reason, the source's topic, partition and offset (where the record still is) and the error,
     * which says so.
     */
    public DeadLetter withoutTheRecord(int limit) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : headers) {
            if (DeadLetterHeaders.isDeadLetterHeader(header.key()) && !header.key().equals(DeadLetterHeaders.ERROR)) {
                kept.add(header);
            }
        }
        kept.add(DeadLetterHeaders.ERROR, utf8(DeadLetterHeaders.read(headers, DeadLetterHeaders.ERROR).orElse("")
                + " [the record's " + size() + " bytes left out: more than the dead-letter topic takes (" + limit + " bytes)]"));
        return new DeadLetter(null, null, timestamp, kept);
    }

    /** The bytes of an Avro {@code bytes} field, or null; leaves the buffer's position alone. */
    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer view = buffer.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
