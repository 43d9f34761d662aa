package io.industrybrain.streams.topology.targets;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.streams.topology.TopologyNames;
import java.util.Map;
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
 */
public final class TargetGaps implements FixedKeyProcessor<String, MetricRecord, MetricRecord> {

    private FixedKeyProcessorContext<String, MetricRecord> context;
    private ReadOnlyKeyValueStore<String, MetricTarget> targets;

    @Override
    public void init(FixedKeyProcessorContext<String, MetricRecord> context) {
        this.context = context;
        this.targets = context.getStateStore(TopologyNames.TARGETS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, MetricRecord> record) {
        MetricRecord metrics = record.value();
        Map<String, Double> gaps = new TreeMap<>();
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
                    }
                }
            });
        }
        if (gaps.isEmpty() && metrics.getTargetGaps().isEmpty()) {
            context.forward(record);
            return;
        }
        context.forward(record.withValue(MetricRecord.newBuilder(metrics).setTargetGaps(gaps).build()));
    }
}
