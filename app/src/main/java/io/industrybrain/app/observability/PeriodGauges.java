package io.industrybrain.app.observability;

import io.industrybrain.app.query.PeriodHistory;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.IndicatorFields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The year to date of the low-cardinality scopes as gauges, for the "plan progress" dashboard, read from the period
 * history ({@code brain.metrics.periods}) at each scrape:
 * <ul>
 *   <li>{@code brain_period_indicator{period, scope, scope_id, metric}}: each indicator of the current YEAR record of
 *       every PROVINCE, REGION and INDUSTRY_CHAIN scopeId (metric = the Avro field name), and the record's
 *       registeredEnterprises and coverage</li>
 *   <li>{@code brain_period_target_gap{period, scope, scope_id, metric}}: value - target, for each metric with a
 *       target</li>
 *   <li>{@code brain_period_trajectory_gap{period, scope, scope_id, metric}}: value - the straight line from the
 *       target's baseline to the target, at the end of the part of the year covered, for each metric whose target has
 *       a baseline (negative: behind the plan's pace, where more is better)</li>
 *   <li>{@code brain_period_covered_until_timestamp_seconds{period, scope, scope_id}}: how far the year is covered</li>
 * </ul>
 * YEAR alone: the plan's indicators are yearly figures, and one period kind keeps the series as few as
 * {@code brain_indicator}'s. A null field (no denominator, a suppressed group) has no series rather than NaN.
 */
final class PeriodGauges implements MeterBinder, RefreshedOnScrape {

    static final Period PERIOD = Period.YEAR;
    /** The series' bound, far above the cities and chains of a province, should the data name more scopeIds. */
    static final int MAX_SCOPE_IDS = 1000;
    static final List<String> INDICATORS = Stream.concat(IndicatorFields.ALL.stream(), Stream.of("registeredEnterprises", "coverage"))
            .toList();
    private static final int[] POSITIONS = INDICATORS.stream().mapToInt(name -> MetricRecord.getClassSchema().getField(name).pos()).toArray();

    private final PeriodHistory periods;
    private MultiGauge indicators;
    private MultiGauge targetGaps;
    private MultiGauge trajectoryGaps;
    private MultiGauge coveredUntil;

    PeriodGauges(PeriodHistory periods) {
        this.periods = periods;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        indicators = MultiGauge.builder("brain.period.indicator")
                .description("Value of a metric of a province, city or chain over the period to date (YEAR: the year to date)")
                .register(registry);
        targetGaps = MultiGauge.builder("brain.period.target.gap")
                .description("Value minus target of a metric of a province, city or chain over the period to date")
                .register(registry);
        trajectoryGaps = MultiGauge.builder("brain.period.trajectory.gap")
                .description("Value minus the straight line from the target's baseline to the target, at the end of the part of the period covered")
                .register(registry);
        coveredUntil = MultiGauge.builder("brain.period.covered.until.timestamp")
                .description("End of the latest window of the period that is final everywhere")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public synchronized void refresh() {
        List<MetricRecord> records;
        try {
            records = currentYear();
        } catch (PeriodHistory.NotReady e) {
            // Kafka Streams is (re)starting: the figures last read stay, rather than every plan series vanishing meanwhile.
            return;
        }
        List<MultiGauge.Row<?>> values = new ArrayList<>();
        List<MultiGauge.Row<?>> toTarget = new ArrayList<>();
        List<MultiGauge.Row<?>> toTrajectory = new ArrayList<>();
        List<MultiGauge.Row<?>> covered = new ArrayList<>();
        for (MetricRecord record : records) {
            Tags scope = Tags.of("period", PERIOD.name(), "scope", record.getScope().name(), "scope_id", record.getScopeId());
            for (int i = 0; i < POSITIONS.length; i++) {
                Object value = record.get(POSITIONS[i]);
                if (value != null) {
                    values.add(MultiGauge.Row.of(scope.and("metric", INDICATORS.get(i)), ((Number) value).doubleValue()));
                }
            }
            rows(scope, record.getTargetGaps(), toTarget);
            rows(scope, record.getTrajectoryGaps(), toTrajectory);
            if (record.getCoveredUntil() != null) {
                covered.add(MultiGauge.Row.of(scope, record.getCoveredUntil().toEpochMilli() / 1000.0));
            }
        }
        indicators.register(values, true);
        targetGaps.register(toTarget, true);
        trajectoryGaps.register(toTrajectory, true);
        coveredUntil.register(covered, true);
    }

    /**
     * The newest YEAR record of each exported scopeId, of the newest year among them: a city or chain that has not
     * reported this year still has last year's record as its newest, and last year's figure is not this year's.
     */
    private List<MetricRecord> currentYear() {
        List<MetricRecord> newest = new ArrayList<>();
        for (Scope scope : IndicatorGauges.EXPORTED_SCOPES) {
            newest.addAll(periods.latest(PERIOD, scope, null, MAX_SCOPE_IDS));
        }
        return newest.stream().map(MetricRecord::getWindowStart).max(Comparator.naturalOrder())
                .map(year -> newest.stream().filter(r -> r.getWindowStart().equals(year)).toList())
                .orElse(List.of());
    }

    private static void rows(Tags scope, Map<String, Double> gaps, List<MultiGauge.Row<?>> rows) {
        gaps.forEach((metric, gap) -> rows.add(MultiGauge.Row.of(scope.and("metric", metric), gap)));
    }
}
