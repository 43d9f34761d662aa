package io.industrybrain.streams.topology.ledger;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's outcome counts, kept in its ledger store so that they commit, and restore, with the records they
 * count: a count moves exactly when the input offset it settles does. Counts are named {@code topic/outcome}
 * at intake and {@code intakeTask/topic/outcome} at the window stage ({@link LedgerKeys}); the store is cached,
 * so a count that moves on every record is written to its changelog once per commit. The counts are mirrored
 * in memory, read back from the store whenever Kafka Streams (re)initializes the task, so that counting an
 * outcome is one store write.
 */
final class TaskOutcomes {

    private final KeyValueStore<String, Long> store;
    private final Map<String, long[]> counts = new HashMap<>();

    TaskOutcomes(KeyValueStore<String, Long> store) {
        this.store = store;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                counts.put(entry.key, new long[] {entry.value});
            }
        }
    }

    void add(String key) {
        long[] count = counts.computeIfAbsent(key, k -> new long[1]);
        count[0]++;
        store.put(key, count[0]);
    }
}
