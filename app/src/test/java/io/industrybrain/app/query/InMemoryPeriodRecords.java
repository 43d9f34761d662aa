package io.industrybrain.app.query;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.serde.AvroSerde;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.MetricKeys;
import io.industrybrain.topics.TopicNames;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The period history's store as a sorted map, for tests of the query API and the gauges without Kafka Streams. */
public final class InMemoryPeriodRecords implements ReadOnlyKeyValueStore<String, byte[]> {

    final NavigableMap<String, byte[]> records = new TreeMap<>();
    private final SchemaRegistryClient registry;
    private final TopicNames topics;

    /** @param registry and {@code topics}: what the records are written with, as the topology writes them */
    public InMemoryPeriodRecords(SchemaRegistryClient registry, TopicNames topics) {
        this.registry = registry;
        this.topics = topics;
    }

    /** A period record of brain.metrics.periods as the topology publishes it, under its key. */
    public void put(MetricRecord record, LocalDate firstDay) {
        records.put(MetricKeys.ofPeriod(record.getPeriod(), record.getScope(), record.getScopeId(), firstDay),
                new AvroSerde<>(registry, MetricRecord.class, true).serializer().serialize(topics.metricsPeriods(), record));
    }

    /** The history over these records. */
    public PeriodHistory history() {
        return new PeriodHistory(() -> this, registry, topics);
    }

    @Override
    public byte[] get(String key) {
        return records.get(key);
    }

    @Override
    public KeyValueIterator<String, byte[]> range(String from, String to) {
        return iterator(records.subMap(from, true, to, true).entrySet().iterator());
    }

    @Override
    public KeyValueIterator<String, byte[]> reverseRange(String from, String to) {
        return iterator(records.subMap(from, true, to, true).descendingMap().entrySet().iterator());
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
        return iterator(records.entrySet().iterator());
    }

    @Override
    public long approximateNumEntries() {
        return records.size();
    }

    private static KeyValueIterator<String, byte[]> iterator(Iterator<Map.Entry<String, byte[]>> entries) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValue<String, byte[]> next() {
                Map.Entry<String, byte[]> entry = entries.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public void close() { }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
