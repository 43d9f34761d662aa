package io.industrybrain.app.livepage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.app.livepage.PageFormat.Indicator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * The browser test's one claim, for any data: every number the page shows is the query API's for the
 * same scope and window or period, written as {@link PageFormat} says, and nothing reads NaN or undefined.
 */
public final class PageShowsApi {

    static final int TREND_WINDOWS = 24;
    static final int MONTHS_IN_YEAR = 12;
    static final String NO_YEAR_TO_DATE = "尚无年度累计 No year-to-date figures yet";
    static final List<String> CITIES = List.of("HZ", "NB", "WZ", "JX", "HU", "SX", "JH", "QZ", "ZS", "TZ", "LS");
    static final List<String> SIGNATURE_CHAINS = List.of("DIGITAL_SECURITY", "HIGH_END_SOFTWARE", "INTEGRATED_CIRCUITS",
            "NETWORK_COMMUNICATION", "INTELLIGENT_COMPUTING");
    private static final List<String> DEAD_LETTER_REASONS = List.of("DESERIALIZATION", "INVALID", "UNKNOWN_ENTERPRISE", "LATE");

    private PageShowsApi() { }

    /** Reads the API, then the page once, and compares. */
    public static void assertAgrees(LivePage live, QueryApiClient api) throws IOException, InterruptedException {
        JsonNode scopes = api.scopes();
        List<JsonNode> province = api.province(TREND_WINDOWS);
        JsonNode targets = api.targets();
        List<JsonNode> regions = api.latest("REGION");
        List<JsonNode> chains = api.latest("INDUSTRY_CHAIN");
        JsonNode outcomes = api.outcomes();
        QueryApiClient.PeriodAnswer year = api.provincePeriods("YEAR", 1);
        QueryApiClient.PeriodAnswer months = api.provincePeriods("MONTH", MONTHS_IN_YEAR);
        QueryApiClient.PeriodAnswer regionYears = api.latestPeriods("REGION", "YEAR");
        QueryApiClient.PeriodAnswer chainYears = api.latestPeriods("INDUSTRY_CHAIN", "YEAR");
        LivePage.View page = live.view();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(PageFormat.count(scopes.path("ENTERPRISE")), page.enterpriseCount(), "enterprise count"));
        province(checks, page, province, targets);
        scopeTable(checks, page, "region-table", regions, ids(CITIES, scopes.path("REGION")));
        scopeTable(checks, page, "chain-table", chains, ids(SIGNATURE_CHAINS, scopes.path("INDUSTRY_CHAIN")));
        outcomes(checks, page, outcomes);
        yearToDate(checks, page, new YearToDate(year, months, regionYears, chainYears), targets, scopes);
        checks.add(() -> assertFalse(page.bodyText().contains("NaN"), "no NaN on the page"));
        checks.add(() -> assertFalse(page.bodyText().contains("undefined"), "no undefined on the page"));
        assertAll("the page shows the query API's data", checks);
    }

    private static Set<String> ids(List<String> known, JsonNode listed) {
        Set<String> ids = new LinkedHashSet<>(known);
        listed.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static void province(List<Executable> checks, LivePage.View page, List<JsonNode> records, JsonNode targets) {
        JsonNode latest = records.isEmpty() ? null : records.get(0);
        JsonNode lastFinal = records.stream().filter(r -> r.path("final").asBoolean()).findFirst().orElse(null);
        checks.add(() -> assertEquals(latest == null ? "" : latest.path("windowStart").asText(), page.provinceWindowStart(),
                "province window shown"));
        if (latest != null) {
            checks.add(() -> assertEquals(PageFormat.window(latest), page.provinceWindow(), "province window text"));
            checks.add(() -> assertEquals(PageFormat.status(latest), page.provinceStatus(), "province status"));
        }
        for (Indicator indicator : PageFormat.INDICATORS) {
            String metric = indicator.key();
            JsonNode target = provinceTarget(targets, metric);
            checks.add(() -> assertEquals(PageFormat.cell(indicator, latest), page.indicator(metric, "latest"), metric + " latest"));
            checks.add(() -> assertEquals(PageFormat.cell(indicator, lastFinal), page.indicator(metric, "final"), metric + " last final"));
            checks.add(() -> assertEquals(target == null ? PageFormat.MISSING : PageFormat.value(indicator, target.path("target").asDouble()),
                    page.indicator(metric, "target"), metric + " target"));
            checks.add(() -> assertEquals(PageFormat.gap(indicator, gap(latest, target, metric)), page.indicator(metric, "gap"), metric + " gap"));
            checks.add(() -> assertEquals(target == null ? PageFormat.MISSING : PageFormat.due(target.path("dueDate")),
                    page.indicator(metric, "due"), metric + " due date"));
        }
        chart(checks, page, "chart-productivity", "annualizedLaborProductivity", records);
        chart(checks, page, "chart-digitized", "fullyDigitizedRate", records);
    }

    private static void chart(List<Executable> checks, LivePage.View page, String figureId, String metric, List<JsonNode> records) {
        Indicator indicator = PageFormat.INDICATORS.stream().filter(i -> i.key().equals(metric)).findFirst().orElseThrow();
        checks.add(() -> assertEquals(String.valueOf(records.size()), page.chartPoints(figureId), figureId + " points"));
        checks.add(() -> assertEquals(PageFormat.series(indicator, records), page.chartValues(figureId), figureId + " values"));
    }

    private static JsonNode provinceTarget(JsonNode targets, String metric) {
        for (JsonNode t : targets) {
            if (t.path("scope").asText().equals("PROVINCE") && t.path("scopeId").asText().equals("ZJ")
                    && t.path("metric").asText().equals(metric)) {
                return t;
            }
        }
        return null;
    }

    /** The pipeline's gap where it gives one; else value - target where both are known. */
    private static Double gap(JsonNode latest, JsonNode target, String metric) {
        if (latest == null) {
            return null;
        }
        JsonNode pipelineGap = latest.path("targetGaps").path(metric);
        if (pipelineGap.isNumber()) {
            return pipelineGap.asDouble();
        }
        JsonNode value = latest.path(metric);
        return target != null && value.isNumber() ? value.asDouble() - target.path("target").asDouble() : null;
    }

    /** What the period history answered: the province's year and months, the cities' and chains' newest years. */
    private record YearToDate(QueryApiClient.PeriodAnswer year, QueryApiClient.PeriodAnswer months, QueryApiClient.PeriodAnswer regions,
                              QueryApiClient.PeriodAnswer chains) {
        boolean readable() {
            return Stream.of(year, months, regions, chains).noneMatch(answer -> answer.status() == 503);
        }
    }

    /**
     * The province's year with its plan indicators against target and trajectory, its months, and the cities and chains of
     * the same year (a newer record of an earlier year is none of this year's); the figures hidden without a year.
     */
    private static void yearToDate(List<Executable> checks, LivePage.View page, YearToDate answers, JsonNode targets, JsonNode scopes) {
        JsonNode year = answers.year().records().isEmpty() ? null : answers.year().records().get(0);
        checks.add(() -> assertEquals(year == null ? "" : year.path("windowStart").asText(), page.yearWindowStart(), "year shown"));
        checks.add(() -> assertEquals(year != null, page.visible("year-figures"), "year-to-date figures shown"));
        if (!answers.readable() || year == null) {
            checks.add(() -> assertTrue(page.visible("year-empty") && page.text("year-empty").startsWith(NO_YEAR_TO_DATE),
                    "the year-to-date section says why it is empty: " + page.text("year-empty")));
        }
        if (year == null) {
            return;
        }
        checks.add(() -> assertEquals(PageFormat.yearPeriod(year), page.text("year-period"), "year and how far it is covered"));
        checks.add(() -> assertEquals(PageFormat.status(year), page.text("year-status"), "year status"));
        checks.add(() -> assertEquals(PageFormat.coverage(year), page.text("year-coverage"), "year coverage"));
        List<Indicator> plan = planIndicators(targets);
        checks.add(() -> assertEquals(plan.stream().map(Indicator::key).toList(), page.yearIndicators(), "the plan's indicators"));
        for (Indicator indicator : plan) {
            String metric = indicator.key();
            JsonNode target = provinceTarget(targets, metric);
            JsonNode trajectory = year.path("trajectoryGaps").path(metric);
            Double trajectoryGap = trajectory.isNumber() ? trajectory.asDouble() : null;
            checks.add(() -> assertEquals(PageFormat.cell(indicator, year), page.yearIndicator(metric, "value"), metric + " year to date"));
            checks.add(() -> assertEquals(PageFormat.baseline(indicator, target), page.yearIndicator(metric, "baseline"), metric + " baseline"));
            checks.add(() -> assertEquals(target == null ? PageFormat.MISSING : PageFormat.value(indicator, target.path("target").asDouble()),
                    page.yearIndicator(metric, "target"), metric + " target"));
            checks.add(() -> assertEquals(PageFormat.gap(indicator, gap(year, target, metric)), page.yearIndicator(metric, "gap"),
                    metric + " year's gap to target"));
            checks.add(() -> assertEquals(PageFormat.gap(indicator, trajectoryGap), page.yearIndicator(metric, "trajectory"),
                    metric + " gap to trajectory"));
            checks.add(() -> assertEquals(PageFormat.pace(PageFormat.progressing(indicator, trajectoryGap)), page.yearIndicator(metric, "pace"),
                    metric + " pace"));
            checks.add(() -> assertEquals(target == null ? PageFormat.MISSING : PageFormat.due(target.path("dueDate")),
                    page.yearIndicator(metric, "due"), metric + " due date"));
        }

        Instant start = Instant.parse(year.path("windowStart").asText());
        Instant end = Instant.parse(year.path("windowEnd").asText());
        Map<String, JsonNode> months = new TreeMap<>();
        for (JsonNode month : answers.months().records()) {
            Instant monthStart = Instant.parse(month.path("windowStart").asText());
            if (!monthStart.isBefore(start) && monthStart.isBefore(end)) {
                months.put(PageFormat.month(month), month);
            }
        }
        checks.add(() -> assertEquals(List.copyOf(months.keySet()), page.periodRows("month-table"), "the year's months, in order"));
        months.forEach((month, record) -> periodRow(checks, page, "month-table", month, record, plan));

        Map<String, JsonNode> regions = ofTheYear(answers.regions(), start);
        Map<String, JsonNode> chains = ofTheYear(answers.chains(), start);
        Set<String> cities = ids(CITIES, scopes.path("REGION"));
        cities.addAll(regions.keySet());
        Set<String> industryChains = ids(SIGNATURE_CHAINS, scopes.path("INDUSTRY_CHAIN"));
        industryChains.addAll(chains.keySet());
        checks.add(() -> assertEquals(new TreeSet<>(cities), new TreeSet<>(page.periodRows("year-region-table")), "cities year to date"));
        checks.add(() -> assertEquals(new TreeSet<>(industryChains), new TreeSet<>(page.periodRows("year-chain-table")), "chains year to date"));
        cities.forEach(id -> periodRow(checks, page, "year-region-table", id, regions.get(id), plan));
        industryChains.forEach(id -> periodRow(checks, page, "year-chain-table", id, chains.get(id), plan));
    }

    /** The indicators with a province target, in the page's order; the plan's own when there is none. */
    private static List<Indicator> planIndicators(JsonNode targets) {
        List<Indicator> targeted = PageFormat.INDICATORS.stream().filter(i -> provinceTarget(targets, i.key()) != null).toList();
        return !targeted.isEmpty() ? targeted
                : PageFormat.INDICATORS.stream().filter(i -> PageFormat.PLAN_INDICATORS.contains(i.key())).toList();
    }

    private static Map<String, JsonNode> ofTheYear(QueryApiClient.PeriodAnswer answer, Instant yearStart) {
        Map<String, JsonNode> byId = new TreeMap<>();
        answer.records().stream().filter(r -> Instant.parse(r.path("windowStart").asText()).equals(yearStart))
                .forEach(r -> byId.put(r.path("scopeId").asText(), r));
        return byId;
    }

    private static void periodRow(List<Executable> checks, LivePage.View page, String tableId, String id, JsonNode record, List<Indicator> plan) {
        String where = tableId + " " + id + " ";
        checks.add(() -> assertEquals(record == null ? "" : PageFormat.status(record), page.periodCell(tableId, id, "status"), where + "status"));
        checks.add(() -> assertEquals(record == null ? PageFormat.MISSING : PageFormat.percent(record.path("coverage")),
                page.periodCell(tableId, id, "coverage"), where + "coverage"));
        checks.add(() -> assertEquals(record == null ? PageFormat.MISSING : PageFormat.count(record.path("enterprises")),
                page.periodCell(tableId, id, "enterprises"), where + "enterprises"));
        checks.add(() -> assertEquals(record == null ? PageFormat.MISSING : PageFormat.through(record), page.periodCell(tableId, id, "through"),
                where + "through"));
        for (Indicator indicator : plan) {
            checks.add(() -> assertEquals(PageFormat.cell(indicator, record), page.periodCell(tableId, id, indicator.key()), where + indicator.key()));
        }
    }

    private static void scopeTable(List<Executable> checks, LivePage.View page, String tableId, List<JsonNode> latest, Set<String> listed) {
        Map<String, JsonNode> byId = new TreeMap<>();
        latest.forEach(r -> byId.put(r.path("scopeId").asText(), r));
        Set<String> rows = new TreeSet<>(listed);
        rows.addAll(byId.keySet());
        checks.add(() -> assertEquals(rows, new TreeSet<>(page.scopeIds(tableId)), tableId + " rows"));
        for (String id : rows) {
            JsonNode r = byId.get(id);
            checks.add(() -> assertEquals(r == null ? PageFormat.MISSING : PageFormat.window(r), page.scopeCell(tableId, id, "window"),
                    tableId + " " + id + " window"));
            checks.add(() -> assertEquals(r == null ? "" : PageFormat.status(r), page.scopeCell(tableId, id, "status"),
                    tableId + " " + id + " status"));
            checks.add(() -> assertEquals(r == null ? PageFormat.MISSING : PageFormat.count(r.path("enterprises")),
                    page.scopeCell(tableId, id, "enterprises"), tableId + " " + id + " enterprises"));
            for (Indicator indicator : PageFormat.INDICATORS) {
                checks.add(() -> assertEquals(PageFormat.cell(indicator, r), page.scopeCell(tableId, id, indicator.key()),
                        tableId + " " + id + " " + indicator.key()));
            }
        }
    }

    private static void outcomes(List<Executable> checks, LivePage.View page, JsonNode outcomes) {
        Set<String> topics = new TreeSet<>();
        outcomes.path("topics").fieldNames().forEachRemaining(topics::add);
        boolean withIgnored = topics.stream().anyMatch(topic -> outcomes.path("topics").path(topic).has("ignored"));
        checks.add(() -> assertEquals(topics, new TreeSet<>(page.outcomeTopics()), "outcome topics"));
        for (String topic : topics) {
            JsonNode o = outcomes.path("topics").path(topic);
            for (String field : List.of("consumed", "accepted", "duplicates", "inFlight")) {
                checks.add(() -> assertEquals(PageFormat.count(o.path(field)), page.outcome(topic, field), topic + " " + field));
            }
            Set<String> reasons = new LinkedHashSet<>(DEAD_LETTER_REASONS);
            o.path("deadLettered").fieldNames().forEachRemaining(reasons::add);
            long total = 0;
            for (String reason : reasons) {
                long letters = o.path("deadLettered").path(reason).asLong(0);
                total += letters;
                checks.add(() -> assertEquals(PageFormat.grouped(letters), page.outcome(topic, "deadLettered." + reason),
                        topic + " dead letters " + reason));
            }
            long expectedTotal = total;
            checks.add(() -> assertEquals(PageFormat.grouped(expectedTotal), page.outcome(topic, "deadLetteredTotal"), topic + " dead letters"));
            long ignored = 0;
            for (JsonNode n : o.path("ignored")) {
                ignored += n.asLong();
            }
            String expectedIgnored = withIgnored ? PageFormat.grouped(ignored) : null;
            checks.add(() -> assertEquals(expectedIgnored, page.outcome(topic, "ignoredTotal"), topic + " ignored"));
            checks.add(() -> assertEquals(String.valueOf(o.path("balanced").asBoolean()), page.outcomeBalanced(topic), topic + " balanced"));
        }
    }
}
