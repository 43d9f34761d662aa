package io.industrybrain.streams.topology.targets;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Period;
import io.industrybrain.streams.topology.TopologyNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Sets {@code targetGaps} on every published record: metric -> value - target for each target the global
 * targets table holds for the record's scope and scopeId. A metric whose value is null (a ratio over 0, a
 * suppressed roll-up) gets no entry, nor does a metric without a target. The due date does not matter: the
 * gap is progress against the target, before and after it is due. Reads the table as it is when the record
 * is published, so a new target shows from the next record on.
 *
 * <p>On a YEAR record, each target with a baseline also gives {@code trajectoryGaps}: metric -> value - the plan's
 * straight line from the baseline to the target at the record's {@code coveredUntil}. The line runs from the end of
 * the baseline date to the end of the due date (midnight after each, in {@code period.zone}), and holds at the target
 * after the due date: so "on track" is the sign of the gap.
 */
public final class TargetGaps implements FixedKeyProcessor<String, MetricRecord, MetricRecord> {

    private final ZoneId zone;
    private FixedKeyProcessorContext<String, MetricRecord> context;
    private ReadOnlyKeyValueStore<String, MetricTarget> targets;

    /** @param zone the zone of period.zone, whose midnights end the baseline and due dates */
    public TargetGaps(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MetricRecord> context) {
        this.context = context;
        this.targets = context.getStateStore(TopologyNames.TARGETS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, MetricRecord> record) {
        MetricRecord metrics = record.value();
        Map<String, Double> gaps = new TreeMap<>();
        Map<String, Double> trajectory = new TreeMap<>();
        boolean year = metrics.getPeriod() == Period.YEAR && metrics.getCoveredUntil() != null;
        String scopeKey = metrics.getScope().name() + ":" + metrics.getScopeId();
        // Keys scope:scopeId and scope:scopeId:metric sort from scopeKey up to scopeKey + ';' (':' + 1); the value
        // decides, since other scopeIds can sort in between. The long key sorts last and so wins a tie.
        try (KeyValueIterator<String, MetricTarget> candidates = targets.range(scopeKey, scopeKey + ";")) {
            candidates.forEachRemaining(entry -> {
                MetricTarget target = entry.value;
                if (target.getScope() == metrics.getScope() && target.getScopeId().equals(metrics.getScopeId())) {
                    Object value = metrics.get(target.getMetric());
                    if (value != null) {
                        gaps.put(target.getMetric(), ((Number) value).doubleValue() - target.getTarget());
                        if (year) {
                            onTheLine(target, metrics.getCoveredUntil()).ifPresent(line ->
                                    trajectory.put(target.getMetric(), ((Number) value).doubleValue() - line));
                        }
                    }
                }
            });
        }
        if (gaps.isEmpty() && trajectory.isEmpty() && metrics.getTargetGaps().isEmpty() && metrics.getTrajectoryGaps().isEmpty()) {
            context.forward(record);
            return;
        }
        context.forward(record.withValue(MetricRecord.newBuilder(metrics).setTargetGaps(gaps).setTrajectoryGaps(trajectory).build()));
    }

    /** Where the straight line from the target's baseline to the target is at an instant, if the target has a baseline. */
    Optional<Double> onTheLine(MetricTarget target, Instant at) {
        if (target.getBaseline() == null || target.getBaselineDate() == null || target.getDueDate() == null
                || !target.getDueDate().isAfter(target.getBaselineDate())) {
            return Optional.empty();
        }
        long from = endOf(target.getBaselineDate());
        long to = endOf(target.getDueDate());
        double done = Math.min(1.0, Math.max(0.0, (double) (at.toEpochMilli() - from) / (to - from)));
        return Optional.of(target.getBaseline() + (target.getTarget() - target.getBaseline()) * done);
    }

    private long endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
