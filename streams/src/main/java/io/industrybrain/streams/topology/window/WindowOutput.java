package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.MetricRecord;

/**
 * What the window stage emits, per partition of its by-enterprise topic, in this order: ENTERPRISE records,
 * and after the records of the windows a stream-time step closed, a {@link WindowsClosed} mark. The roll-up
 * stage relies on that order: once a partition's mark says a window is closed, that partition has sent
 * its last record of the window.
 */
public sealed interface WindowOutput {

    /**
     * An ENTERPRISE record: an update ({@code final} false), or the record the window closed with in this
     * partition ({@code final} true), published on {@code brain.metrics.final} by the roll-up stage once the
     * window is closed in every partition.
     *
     * @param industryChain the enterprise's chain in the reference data when the record was computed; null
     *                      when the enterprise has been deleted from the reference data
     * @param region        likewise its region
     */
    record EnterpriseRecord(MetricRecord record, String industryChain, String region) implements WindowOutput { }

    /**
     * Every window starting at or before {@code windowStart} is closed in this partition of the window stage.
     *
     * @param partition the window stage's partition (its task's partition)
     */
    record WindowsClosed(int partition, long windowStart) implements WindowOutput { }
}
