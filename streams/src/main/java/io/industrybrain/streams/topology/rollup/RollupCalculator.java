package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.streams.topology.GroupKey;
import io.industrybrain.streams.topology.IndicatorFields;
import io.industrybrain.streams.topology.MetricFormulas;
import io.industrybrain.streams.topology.internal.MetricSums;
import java.time.Duration;
import java.time.Instant;

/**
 * A roll-up record from the sums of its members in one window or period ({@link io.industrybrain.streams.topology.Sums}):
 * counts and sums as summed, ratios recomputed from them by {@link MetricFormulas} (never averaged), completeness
 * counts summed and the latest lastEventTime and lastIngestTime. A roll-up of fewer than {@code min.group.size}
 * enterprises is suppressed: it keeps {@code enterprises} and the completeness fields, every other indicator is
 * null, {@code suppressed} is true.
 */
public final class RollupCalculator {

    private final MetricFormulas formulas;
    private final int minGroupSize;

    public RollupCalculator(Duration window, int minGroupSize) {
        this.formulas = new MetricFormulas(window);
        this.minGroupSize = minGroupSize;
    }

    /** The roll-up's record of a window. */
    MetricRecord calculate(GroupKey group, long windowStart, MetricSums sums, long revision, boolean isFinal, Instant emittedAt) {
        MetricRecord record = formulas.record(group.scope(), group.scopeId(), windowStart, sums, revision, isFinal, emittedAt);
        return sums.getEnterprises() < minGroupSize ? suppressed(record) : record;
    }

    /** The roll-up's record of a calendar period [start, end), its data covering [coveredFrom, coveredUntil). */
    public MetricRecord calculate(GroupKey group, Period period, long start, long end, long coveredFrom, long coveredUntil,
                                  MetricSums sums, long revision, boolean isFinal, Instant emittedAt) {
        MetricRecord record = MetricFormulas.record(group.scope(), group.scopeId(), period, start, end, coveredFrom, coveredUntil,
                sums, revision, isFinal, emittedAt);
        return sums.getEnterprises() < minGroupSize ? suppressed(record) : record;
    }

    private static MetricRecord suppressed(MetricRecord record) {
        MetricRecord copy = MetricRecord.newBuilder(record).setSuppressed(true).build();
        for (String indicator : IndicatorFields.ALL) {
            if (!indicator.equals(IndicatorFields.ENTERPRISES)) {
                copy.put(indicator, null);
            }
        }
        return copy;
    }
}
