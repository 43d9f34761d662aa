package io.industrybrain.app.query;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.topics.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The period records of {@code brain.metrics.periods} (day, month, quarter and year to date of every scope), read from
 * this instance's copy of the compacted topic: the topology's global store {@link TopologyNames#PERIOD_RECORDS_STORE},
 * kept in RocksDB under the data directory. So every instance answers for the whole history, from disk, not from heap.
 *
 * <p>The store's keys are the topic's, {@code period:scope:scopeId:firstDay}: one scopeId's records of a period kind
 * are one range, in date order.
 */
public final class PeriodHistory {

    /** The store cannot be read yet (Kafka Streams is starting or rebalancing): answered with 503. */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message, null, false, false);
        }
    }

    /** Past any character of a date, so that {@code prefix + END} bounds the prefix's range. */
    private static final String END = "~";

    private final Supplier<ReadOnlyKeyValueStore<String, byte[]>> store;
    private final AvroDeserializer<MetricRecord> records;
    private final String topic;

    /** The history in a running Kafka Streams application's store. */
    public static PeriodHistory of(Supplier<KafkaStreams> streams, SchemaRegistryClient registry, TopicNames topics) {
        return new PeriodHistory(() -> {
            try {
                return streams.get().store(StoreQueryParameters.fromNameAndType(TopologyNames.PERIOD_RECORDS_STORE,
                        QueryableStoreTypes.keyValueStore()));
            } catch (InvalidStateStoreException e) {
                throw new NotReady("the period history is not readable yet (" + e.getMessage() + "); try again in a few seconds");
            }
        }, registry, topics);
    }

    /** @param store the store, each time it is read (it can throw {@link NotReady}) */
    public PeriodHistory(Supplier<ReadOnlyKeyValueStore<String, byte[]>> store, SchemaRegistryClient registry, TopicNames topics) {
        this.store = store;
        this.records = new AvroDeserializer<>(registry, MetricRecord.class);
        this.topic = topics.metricsPeriods();
    }

    /**
     * The records of a scopeId and period kind whose period starts in [{@code from}, {@code to}), newest first, at
     * most {@code limit}; empty when there is no record of the scopeId and kind at all.
     */
    Optional<List<MetricRecord>> records(Period period, Scope scope, String scopeId, Instant from, Instant to, int limit) {
        String prefix = period.name() + ":" + scope.name() + ":" + scopeId + ":";
        List<MetricRecord> found = new ArrayList<>();
        boolean any = false;
        try (KeyValueIterator<String, byte[]> range = store().reverseRange(prefix, prefix + END)) {
            while (range.hasNext() && found.size() < limit) {
                MetricRecord record = records.deserialize(topic, range.next().value);
                // a scopeId that itself holds a colon shares the prefix: the record says whose it is
                if (!record.getScopeId().equals(scopeId)) {
                    continue;
                }
                any = true;
                if (!record.getWindowStart().isBefore(from) && record.getWindowStart().isBefore(to)) {
                    found.add(record);
                }
            }
        }
        return any ? Optional.of(found) : Optional.empty();
    }

    /**
     * The newest record of a period kind of each scopeId of a scope, in key order (by scopeId, but that a scopeId
     * sorts before its own extensions' after a colon), after {@code after} (or from the first), at most {@code limit}.
     *
     * @throws NotReady while the store cannot be read
     */
    public List<MetricRecord> latest(Period period, Scope scope, String after, int limit) {
        String prefix = period.name() + ":" + scope.name() + ":";
        String from = after == null ? prefix : prefix + after + ":";
        List<MetricRecord> latest = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = store().range(from, prefix + END)) {
            MetricRecord newest = null;
            while (range.hasNext()) {
                MetricRecord record = records.deserialize(topic, range.next().value);
                if (record.getScopeId().equals(after)) {
                    continue;
                }
                if (newest != null && !newest.getScopeId().equals(record.getScopeId())) {
                    latest.add(newest);
                    if (latest.size() == limit) {
                        return latest;
                    }
                }
                newest = record;
            }
            if (newest != null) {
                latest.add(newest);
            }
        }
        return latest;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return store.get();
    }
}
