package io.industrybrain.app.observability;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.app.query.MetricsView;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndicatorGaugesTest {

    private final MetricsView view = new MetricsView();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IndicatorGauges gauges = new IndicatorGauges(view);

    @BeforeEach
    void bind() {
        gauges.bindTo(registry);
    }

    private PrometheusText scrape() {
        gauges.refresh();
        return new PrometheusText(registry.scrape());
    }

    @Test
    void theLatestFinalOfEachRollUpIsExportedAndNotTheOpenWindowAfterIt() {
        // Given the province's final of 10:00 and an update of the still open 11:00 window
        view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T10:00:00Z", 9, true, "2026-03-01T11:10:00Z")
                .setEnterprises(200).setFullyDigitizedRate(0.683).setAnnualizedLaborProductivity(25.0)
                .setLaborProductivityPerWorkerHour(null).setDuplicatesDropped(4).build());
        view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T11:00:00Z", 3, false, "2026-03-01T11:20:00Z")
                .setEnterprises(150).setFullyDigitizedRate(0.5).build());

        PrometheusText text = scrape();

        assertEquals(200.0, text.require("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "enterprises"));
        assertEquals(0.683, text.require("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "fullyDigitizedRate"));
        assertEquals(25.0, text.require("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "annualizedLaborProductivity"));
        assertEquals(4.0, text.require("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "duplicatesDropped"));
        assertEquals(Optional.empty(), text.value("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "laborProductivityPerWorkerHour"),
                "a null indicator has no series");
        assertEquals(Optional.empty(), text.value("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "revision"));
        assertEquals(Optional.empty(), text.value("brain_indicator", "scope", "PROVINCE", "scope_id", "ZJ", "metric", "windowStart"));
    }

    @Test
    void theIndicatorsAreEveryCountSumAndRatioOfTheRecord() {
        List<String> names = IndicatorGauges.INDICATORS.stream().map(f -> f.name()).toList();
        // the contract's 30 indicators, 2 completeness counts, and the scope's registered enterprises and coverage
        assertEquals(35, names.size(), names.toString());
        assertTrue(names.containsAll(List.of("enterprises", "annualizedLaborProductivity", "cloudAdoptionRate", "fullyDigitizedRate",
                "smartFactoryEnterprises", "energyIntensity", "lateEventsInGrace", "duplicatesDropped", "registeredEnterprises",
                "coverage")), names.toString());
    }

    @Test
    void enterprisesNeverBecomeSeries() {
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 9, true, "2026-03-01T11:10:00Z").build());
        view.target("ENTERPRISE:E1", new MetricTarget(Scope.ENTERPRISE, "E1", "availability", 0.9, null, null, null));

        PrometheusText text = scrape();

        assertEquals(0, text.count("brain_indicator"));
        assertEquals(0, text.count("brain_target"));
        assertEquals(Instant.parse("2026-03-01T11:10:00Z").getEpochSecond(),
                text.require("brain_last_final_record_timestamp_seconds", "scope", "ENTERPRISE"), "the time of the last final still counts");
    }

    @Test
    void targetsOfTheRollUpScopesAreGauges() {
        view.target("REGION:HZ", new MetricTarget(Scope.REGION, "HZ", "cloudAdoptionRate", 0.9, null, null, null));
        assertEquals(0.9, scrape().require("brain_target", "scope", "REGION", "scope_id", "HZ", "metric", "cloudAdoptionRate"));

        view.target("REGION:HZ", null);
        assertEquals(0, scrape().count("brain_target"), "a removed target disappears");
    }

    @Test
    void theLastFinalTimeIsPerScopeInSeconds() {
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 2, true, "2026-03-01T11:10:00.500Z").build());
        view.add(record(Scope.REGION, "NB", "2026-03-01T11:00:00Z", 1, false, "2026-03-01T11:30:00Z").build());

        PrometheusText text = scrape();

        assertEquals(Instant.parse("2026-03-01T11:10:00Z").getEpochSecond() + 0.5,
                text.require("brain_last_final_record_timestamp_seconds", "scope", "REGION"));
        assertEquals(Optional.empty(), text.value("brain_last_final_record_timestamp_seconds", "scope", "PROVINCE"));
    }
}
