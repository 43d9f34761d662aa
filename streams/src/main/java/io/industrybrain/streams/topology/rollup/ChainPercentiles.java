package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The peer benchmark of docs/contract.md: an enterprise's percentile within its industry chain in one window, for
 * each of {@link #METRICS}. The percentile of value v among the chain's values of that metric is the percent
 * of them that are &lt;= v: {@code 100 * #{x : x <= v} / n}. So the best enterprise has 100, ties share the
 * higher rank (two equal best values both have 100), and the lowest of n has 100 / n, never 0.
 *
 * <p>Only enterprises with a value take part: one whose metric is null (e.g. availability without telemetry)
 * gets no percentile for it and is not counted in n. A metric whose n is below {@code min.group.size} gets
 * no percentile for anyone: a rank among fewer peers would reveal them.
 */
final class ChainPercentiles {

    /** The benchmarked metrics, by field name. */
    static final Map<String, Function<MetricRecord, Double>> METRICS = metrics();

    private ChainPercentiles() { }

    /** enterpriseId -> metric -> percentile, for the ENTERPRISE records of one chain in one window. */
    static Map<String, Map<String, Double>> of(List<MetricRecord> chain, int minGroupSize) {
        Map<String, Map<String, Double>> percentiles = new HashMap<>();
        for (MetricRecord member : chain) {
            percentiles.put(member.getScopeId(), new TreeMap<>());
        }
        METRICS.forEach((metric, value) -> {
            double[] values = chain.stream().map(value).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
            if (values.length < minGroupSize) {
                return;
            }
            for (MetricRecord member : chain) {
                Double v = value.apply(member);
                if (v != null) {
                    percentiles.get(member.getScopeId()).put(metric, 100.0 * atOrBelow(values, v) / values.length);
                }
            }
        });
        return percentiles;
    }

    /** How many of the sorted values are <= v. */
    private static int atOrBelow(double[] sorted, double v) {
        int index = Arrays.binarySearch(sorted, v);
        if (index < 0) {
            return -index - 1;
        }
        while (index + 1 < sorted.length && sorted[index + 1] == v) {
            index++;
        }
        return index + 1;
    }

    private static Map<String, Function<MetricRecord, Double>> metrics() {
        Map<String, Function<MetricRecord, Double>> metrics = new LinkedHashMap<>();
        metrics.put("annualizedLaborProductivity", MetricRecord::getAnnualizedLaborProductivity);
        metrics.put("availability", MetricRecord::getAvailability);
        metrics.put("digitizedProcessRatio", MetricRecord::getDigitizedProcessRatio);
        return Collections.unmodifiableMap(metrics);
    }
}
