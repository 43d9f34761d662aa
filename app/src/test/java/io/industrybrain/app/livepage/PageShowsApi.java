package io.industrybrain.app.livepage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.app.livepage.PageFormat.Indicator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.function.Executable;

/**
 * The browser test's one claim, for any data: every number the page shows is the query API's for the
 * same scope and window, written as {@link PageFormat} says, and nothing reads NaN or undefined.
 */
public final class PageShowsApi {

    static final int TREND_WINDOWS = 24;
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
        LivePage.View page = live.view();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(PageFormat.count(scopes.path("ENTERPRISE")), page.enterpriseCount(), "enterprise count"));
        province(checks, page, province, targets);
        scopeTable(checks, page, "region-table", regions, ids(CITIES, scopes.path("REGION")));
        scopeTable(checks, page, "chain-table", chains, ids(SIGNATURE_CHAINS, scopes.path("INDUSTRY_CHAIN")));
        outcomes(checks, page, outcomes);
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
