package io.industrybrain.streams.topology.targets;

import io.industrybrain.schema.MetricTarget;
import io.industrybrain.streams.topology.IndicatorFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What makes a plan target usable: a non-blank scopeId, a metric that is an indicator of MetricRecord
 * ({@link IndicatorFields}), a finite target, a baseline (if any) with its date before the due date, and a record key
 * naming the target. The key is
 * {@code scope:scopeId:metric} ({@link #keyOf}); the contract's {@code scope:scopeId} is accepted too, but
 * compaction then keeps only one target per scope and scopeId, so the loader always writes the long form.
 */
public final class TargetValidator {

    private TargetValidator() { }

    /** The key a target is published under. */
    public static String keyOf(MetricTarget target) {
        return scopeKey(target) + ":" + target.getMetric();
    }

    static String scopeKey(MetricTarget target) {
        return target.getScope().name() + ":" + target.getScopeId();
    }

    /** Every problem of a target read from {@code brain.targets} under {@code key}, or empty. */
    public static Optional<String> problemsWith(MetricTarget target, String key) {
        List<String> problems = new ArrayList<>();
        problemsOfValue(target).ifPresent(problems::add);
        if (!key.equals(keyOf(target)) && !key.equals(scopeKey(target))) {
            problems.add("key '" + key + "' is neither '" + keyOf(target) + "' nor '" + scopeKey(target) + "'");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Every problem of a target's fields, or empty. */
    public static Optional<String> problemsOfValue(MetricTarget target) {
        List<String> problems = new ArrayList<>();
        if (target.getScopeId().isBlank()) {
            problems.add("scopeId is empty");
        }
        if (!IndicatorFields.ALL.contains(target.getMetric())) {
            problems.add("metric '" + target.getMetric() + "' is not an indicator of MetricRecord (one of "
                    + String.join(", ", IndicatorFields.ALL) + ")");
        }
        if (!Double.isFinite(target.getTarget())) {
            problems.add("target must be a finite number, was " + target.getTarget());
        }
        if ((target.getBaseline() == null) != (target.getBaselineDate() == null)) {
            problems.add("baseline and baselineDate go together: give both or neither");
        }
        if (target.getBaseline() != null && !Double.isFinite(target.getBaseline())) {
            problems.add("baseline must be a finite number, was " + target.getBaseline());
        }
        if (target.getBaselineDate() != null && (target.getDueDate() == null || !target.getBaselineDate().isBefore(target.getDueDate()))) {
            problems.add("baselineDate must be before dueDate: the trajectory runs from the one to the other");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
