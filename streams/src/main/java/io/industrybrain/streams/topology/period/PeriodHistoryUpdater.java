package io.industrybrain.streams.topology.period;

import io.industrybrain.streams.topology.TopologyNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps an instance's period history ({@link TopologyNames#PERIOD_RECORDS_STORE}) as {@code brain.metrics.periods}
 * holds it: the latest record of each key, as the topic's bytes, so that the store is the compacted topic and nothing
 * can fail between them. A record without a key is not a period record and is left out.
 */
public final class PeriodHistoryUpdater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> history;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.history = context.getStateStore(TopologyNames.PERIOD_RECORDS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            history.delete(record.key());
        } else {
            history.put(record.key(), record.value());
        }
    }
}
