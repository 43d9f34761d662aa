package io.industrybrain.app.observability;

import io.industrybrain.app.query.MetricsView;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The latest final indicators of the low-cardinality scopes as gauges, for dashboards and alerts:
 * <ul>
 *   <li>{@code brain_indicator{scope, scope_id, metric}}: each numeric field of the newest final
 *       MetricRecord of every PROVINCE, REGION and INDUSTRY_CHAIN scopeId (metric = the Avro field name)</li>
 *   <li>{@code brain_target{scope, scope_id, metric}}: the targets of brain.targets for those scopes</li>
 *   <li>{@code brain_last_final_record_timestamp_seconds{scope}}: emittedAt of the newest final record read</li>
 * </ul>
 * ENTERPRISE records never become series: one per enterprise would swamp Prometheus; the query API
 * serves them. A null field (no denominator, or a suppressed group) has no series rather than NaN.
 */
final class IndicatorGauges implements MeterBinder, RefreshedOnScrape {

    static final Set<Scope> EXPORTED_SCOPES = EnumSet.of(Scope.PROVINCE, Scope.REGION, Scope.INDUSTRY_CHAIN);
    /** Every count, sum and ratio of MetricRecord: its numeric fields, except the revision number. */
    static final List<Schema.Field> INDICATORS = MetricRecord.getClassSchema().getFields().stream()
            .filter(field -> isPlainNumber(field.schema()) && !field.name().equals("revision"))
            .toList();

    private final MetricsView view;
    private MultiGauge indicators;
    private MultiGauge targets;
    private MultiGauge lastFinal;

    IndicatorGauges(MetricsView view) {
        this.view = view;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        indicators = MultiGauge.builder("brain.indicator")
                .description("Latest final value of a metric of a province, city or chain record")
                .register(registry);
        targets = MultiGauge.builder("brain.target")
                .description("Plan target of a metric of a province, city or chain, from brain.targets")
                .register(registry);
        lastFinal = MultiGauge.builder("brain.last.final.record.timestamp")
                .description("Wall-clock time (emittedAt) of the newest final record read, per scope")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public synchronized void refresh() {
        List<MultiGauge.Row<?>> values = new ArrayList<>();
        for (Scope scope : EXPORTED_SCOPES) {
            for (MetricRecord record : view.latestFinals(scope)) {
                for (Schema.Field field : INDICATORS) {
                    Object value = record.get(field.pos());
                    if (value != null) {
                        values.add(MultiGauge.Row.of(tags(scope, record.getScopeId(), field.name()), ((Number) value).doubleValue()));
                    }
                }
            }
        }
        indicators.register(values, true);

        List<MultiGauge.Row<?>> goals = new ArrayList<>();
        for (MetricTarget target : view.targets()) {
            if (EXPORTED_SCOPES.contains(target.getScope())) {
                goals.add(MultiGauge.Row.of(tags(target.getScope(), target.getScopeId(), target.getMetric()), target.getTarget()));
            }
        }
        targets.register(goals, true);

        List<MultiGauge.Row<?>> times = new ArrayList<>();
        view.lastFinalEmittedAt().forEach((scope, at) ->
                times.add(MultiGauge.Row.of(Tags.of("scope", scope.name()), at.toEpochMilli() / 1000.0)));
        lastFinal.register(times, true);
    }

    private static Tags tags(Scope scope, String scopeId, String metric) {
        return Tags.of("scope", scope.name(), "scope_id", scopeId, "metric", metric);
    }

    private static boolean isPlainNumber(Schema schema) {
        Schema type = schema;
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
            if (branches.size() != 1) {
                return false;
            }
            type = branches.get(0);
        }
        boolean number = switch (type.getType()) {
            case INT, LONG, FLOAT, DOUBLE -> true;
            default -> false;
        };
        return number && type.getLogicalType() == null;
    }
}
