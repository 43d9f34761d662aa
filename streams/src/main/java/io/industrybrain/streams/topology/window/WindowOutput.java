package io.industrybrain.streams.topology.window;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.internal.PeriodInput;
import io.industrybrain.streams.topology.internal.RollupInput;

/**
 * What the window stage emits: ENTERPRISE updates, published on {@code brain.metrics} at once, what the period stage
 * needs (each closing enterprise's period sums, then the same marker), and what the roll-up stage needs, in this order per partition: changed roll-up partials, the records windows closed with, and after
 * those of the windows a stream-time step closed, a progress marker saying so. The roll-up stage relies on that
 * order: once a partition's marker says a window is closed, that partition has sent its last record of the window.
 */
public sealed interface WindowOutput {

    /** An update of an open window ({@code final} false). */
    record EnterpriseUpdate(MetricRecord record) implements WindowOutput { }

    /** For the roll-up stage, keyed by window start. */
    record ToRollup(RollupInput input) implements WindowOutput { }

    /** For the period stage, keyed by the first day of the year (markers by anything: they go to every partition). */
    record ToPeriods(PeriodInput input) implements WindowOutput { }
}
