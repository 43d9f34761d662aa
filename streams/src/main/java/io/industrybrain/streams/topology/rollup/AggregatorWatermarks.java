package io.industrybrain.streams.topology.rollup;

import io.industrybrain.streams.topology.window.WindowGeometry;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How far each partition of the window stage has closed its windows, as its {@code WindowsClosed} marks
 * said, kept in a changelogged store of this roll-up task. A window is closed everywhere once every one of
 * the window stage's {@code partitions} has closed it; a partition that has not reported yet (it has
 * counted no event since the application first started) holds every window back.
 */
final class AggregatorWatermarks {

    private final KeyValueStore<Integer, Long> store;
    private final int partitions;

    AggregatorWatermarks(KeyValueStore<Integer, Long> store, int partitions) {
        this.store = store;
        this.partitions = partitions;
    }

    /** Records a mark; marks only move forward (a restarted partition repeats its last one). */
    void advance(int partition, long closedThrough) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalStateException("a closed-windows mark from window-stage partition " + partition
                    + ", but the topology was built for " + partitions + " partitions: the partitions setting must be"
                    + " the partition count of the by-enterprise topic");
        }
        Long known = store.get(partition);
        if (known == null || closedThrough > known) {
            store.put(partition, closedThrough);
        }
    }

    /** Start of the latest window closed in every partition, or {@link WindowGeometry#NONE}. */
    long closedEverywhere() {
        long through = Long.MAX_VALUE;
        for (int partition = 0; partition < partitions; partition++) {
            Long closed = store.get(partition);
            if (closed == null) {
                return WindowGeometry.NONE;
            }
            through = Math.min(through, closed);
        }
        return through;
    }
}
