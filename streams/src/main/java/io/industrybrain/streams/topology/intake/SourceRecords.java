package io.industrybrain.streams.topology.intake;

import io.industrybrain.streams.topology.internal.SourceHeader;
import io.industrybrain.streams.topology.internal.SourceRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Captures an input record as consumed, so that any later verdict can dead-letter it unchanged. */
public final class SourceRecords {

    private SourceRecords() { }

    public static SourceRecord capture(RecordMetadata metadata, Record<byte[], byte[]> record) {
        List<SourceHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new SourceHeader(header.key(), wrap(header.value())));
        }
        return SourceRecord.newBuilder()
                .setTopic(metadata.topic())
                .setPartition(metadata.partition())
                .setOffset(metadata.offset())
                .setTimestamp(record.timestamp())
                .setKey(wrap(record.key()))
                .setValue(wrap(record.value()))
                .setHeaders(headers)
                .build();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
