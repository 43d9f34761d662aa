package io.industrybrain.app.observability;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.app.query.InMemoryPeriodRecords;
import io.industrybrain.app.query.PeriodHistory;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.InMemorySchemaRegistry;
import io.industrybrain.topics.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeriodGaugesTest {

    /** Asia/Shanghai years: [16:00Z on 31 December, 16:00Z on 31 December). */
    private static final String YEAR_2025 = "2024-12-31T16:00:00Z";
    private static final String YEAR_2026 = "2025-12-31T16:00:00Z";
    private static final String YEAR_2027 = "2026-12-31T16:00:00Z";

    private final InMemorySchemaRegistry schemas = new InMemorySchemaRegistry();
    private final TopicNames topics = new TopicNames("");
    private final InMemoryPeriodRecords records = new InMemoryPeriodRecords(schemas, topics);
    private final AtomicBoolean readable = new AtomicBoolean(true);
    private final PeriodHistory history = new PeriodHistory(() -> {
        if (!readable.get()) {
            throw new PeriodHistory.NotReady("Kafka Streams is starting");
        }
        return records;
    }, schemas, topics);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PeriodGauges gauges = new PeriodGauges(history);

    @BeforeEach
    void bind() {
        gauges.bindTo(registry);
    }

    private PrometheusText scrape() {
        gauges.refresh();
        return new PrometheusText(registry.scrape());
    }

    private static MetricRecord.Builder period(Period period, Scope scope, String scopeId, String start, String end) {
        return record(scope, scopeId, start, 7, false, "2026-11-23T06:01:00Z").setPeriod(period).setWindowEnd(Instant.parse(end));
    }

    private void put(MetricRecord.Builder record, String firstDay) {
        records.put(record.build(), LocalDate.parse(firstDay));
    }

    /** The province's 2026 to date: 182 of its 200 registered enterprises, through 14:00 on 23 November (China time). */
    private void provinceYearToDate() {
        put(period(Period.YEAR, Scope.PROVINCE, "ZJ", YEAR_2026, YEAR_2027).setEnterprises(182).setRegisteredEnterprises(200L)
                .setCoverage(0.91).setFullyDigitizedRate(0.7712).setAnnualizedLaborProductivity(23.46).setSmartFactoryEnterprises(412L)
                .setEnergyIntensity(null).setCoveredUntil(Instant.parse("2026-11-23T06:00:00Z"))
                .setTargetGaps(Map.of("fullyDigitizedRate", -0.0288, "smartFactoryEnterprises", -588.0))
                .setTrajectoryGaps(Map.of("fullyDigitizedRate", -0.0151, "smartFactoryEnterprises", 35.0)), "2026-01-01");
    }

    private static String[] labels(Scope scope, String scopeId, String metric) {
        return new String[] {"period", "YEAR", "scope", scope.name(), "scope_id", scopeId, "metric", metric};
    }

    @Test
    void theYearToDateOfTheProvinceItsCitiesAndChainsIsExportedWithItsGapsAndCoverage() {
        provinceYearToDate();
        put(period(Period.YEAR, Scope.PROVINCE, "ZJ", YEAR_2025, YEAR_2026).setFullyDigitizedRate(0.70).setFinal$(true), "2025-01-01");
        put(period(Period.MONTH, Scope.PROVINCE, "ZJ", "2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z").setFullyDigitizedRate(0.79),
                "2026-11-01");
        put(period(Period.YEAR, Scope.REGION, "HZ", YEAR_2026, YEAR_2027).setEnterprises(26).setCoverage(26 / 28.0)
                .setAnnualizedLaborProductivity(24.1), "2026-01-01");
        put(period(Period.YEAR, Scope.INDUSTRY_CHAIN, "TEXTILES", YEAR_2026, YEAR_2027).setFullyDigitizedRate(0.62), "2026-01-01");
        put(period(Period.YEAR, Scope.ENTERPRISE, "E0000001", YEAR_2026, YEAR_2027).setFullyDigitizedRate(1.0), "2026-01-01");

        PrometheusText text = scrape();

        assertEquals(0.7712, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")),
                "this year's, not 2025's 0.70 nor November's 0.79");
        assertEquals(23.46, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "annualizedLaborProductivity")));
        assertEquals(412.0, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises")));
        assertEquals(182.0, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "enterprises")));
        assertEquals(200.0, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "registeredEnterprises")));
        assertEquals(0.91, text.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "coverage")));
        assertEquals(Optional.empty(), text.value("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "energyIntensity")),
                "a null indicator has no series");
        assertEquals(-0.0288, text.require("brain_period_target_gap", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));
        assertEquals(-588.0, text.require("brain_period_target_gap", labels(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises")));
        assertEquals(-0.0151, text.require("brain_period_trajectory_gap", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));
        assertEquals(35.0, text.require("brain_period_trajectory_gap", labels(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises")));
        assertEquals(Instant.parse("2026-11-23T06:00:00Z").getEpochSecond(),
                text.require("brain_period_covered_until_timestamp_seconds", "period", "YEAR", "scope", "PROVINCE", "scope_id", "ZJ"));
        assertEquals(24.1, text.require("brain_period_indicator", labels(Scope.REGION, "HZ", "annualizedLaborProductivity")));
        assertEquals(26 / 28.0, text.require("brain_period_indicator", labels(Scope.REGION, "HZ", "coverage")));
        assertEquals(0.62, text.require("brain_period_indicator", labels(Scope.INDUSTRY_CHAIN, "TEXTILES", "fullyDigitizedRate")));
        assertEquals(Optional.empty(), text.value("brain_period_indicator", labels(Scope.ENTERPRISE, "E0000001", "fullyDigitizedRate")),
                "enterprises never become series");
        assertEquals(2, text.count("brain_period_target_gap"));
        assertEquals(2, text.count("brain_period_trajectory_gap"));
        assertEquals(1, text.count("brain_period_covered_until_timestamp_seconds"), "the records without coveredUntil have none");
    }

    @Test
    void theIndicatorsAreTheContractsAndTheCoverageOfTheRegisteredEnterprises() {
        // the contract's 30 indicators, and how much of the scope they are drawn from
        assertEquals(32, PeriodGauges.INDICATORS.size(), PeriodGauges.INDICATORS.toString());
        assertEquals(List.of("enterprises", "aboveScaleEnterprises"), PeriodGauges.INDICATORS.subList(0, 2));
        assertEquals(List.of("fullyDigitizedRate", "registeredEnterprises", "coverage"), PeriodGauges.INDICATORS.subList(29, 32));
    }

    @Test
    void aCityWithoutRecordsThisYearHasNoSeriesAndANewYearReplacesTheOld() {
        provinceYearToDate();
        put(period(Period.YEAR, Scope.REGION, "HZ", YEAR_2026, YEAR_2027).setAnnualizedLaborProductivity(24.1), "2026-01-01");
        put(period(Period.YEAR, Scope.REGION, "QZ", YEAR_2025, YEAR_2026).setAnnualizedLaborProductivity(19.8).setFinal$(true), "2025-01-01");

        PrometheusText thisYear = scrape();
        assertEquals(Optional.empty(), thisYear.value("brain_period_indicator", labels(Scope.REGION, "QZ", "annualizedLaborProductivity")),
                "Quzhou's newest YEAR record is 2025's: not a figure of 2026");
        assertEquals(24.1, thisYear.require("brain_period_indicator", labels(Scope.REGION, "HZ", "annualizedLaborProductivity")));

        put(period(Period.YEAR, Scope.PROVINCE, "ZJ", YEAR_2027, "2027-12-31T16:00:00Z").setFullyDigitizedRate(0.781)
                .setCoveredUntil(Instant.parse("2027-01-01T01:00:00Z")), "2027-01-01");

        PrometheusText nextYear = scrape();
        assertEquals(0.781, nextYear.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));
        assertEquals(Optional.empty(), nextYear.value("brain_period_indicator", labels(Scope.REGION, "HZ", "annualizedLaborProductivity")),
                "Hangzhou has not reported in 2027 yet");
        assertEquals(0, nextYear.count("brain_period_trajectory_gap"), "2027's record has no gaps (no target with a baseline)");
        assertEquals(Instant.parse("2027-01-01T01:00:00Z").getEpochSecond(),
                nextYear.require("brain_period_covered_until_timestamp_seconds", "period", "YEAR", "scope", "PROVINCE", "scope_id", "ZJ"));
    }

    @Test
    void whileTheHistoryCannotBeReadTheFiguresLastReadStay() {
        readable.set(false);
        assertEquals(0, scrape().count("brain_period_indicator"), "nothing read yet, nothing shown, and the scrape answers");

        readable.set(true);
        provinceYearToDate();
        assertEquals(0.7712, scrape().require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));

        readable.set(false);
        PrometheusText restarting = scrape();
        assertEquals(0.7712, restarting.require("brain_period_indicator", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));
        assertEquals(-0.0151, restarting.require("brain_period_trajectory_gap", labels(Scope.PROVINCE, "ZJ", "fullyDigitizedRate")));
    }
}
