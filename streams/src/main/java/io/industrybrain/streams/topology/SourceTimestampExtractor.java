package io.industrybrain.streams.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Input timestamps matter only as the timestamp a dead letter keeps (windows use the eventTime in the
 * value). A record without a valid timestamp must still reach its verdict rather than stop the app, as
 * Kafka's default extractor would, or vanish, as its skipping extractor would: it gets 0.
 */
public final class SourceTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return Math.max(record.timestamp(), 0L);
    }
}
