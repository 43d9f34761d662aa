package io.industrybrain.app.livepage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.schema.MetricRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A stand-in for the app's JSON query API with fixed answers, in the API's contract ({@code
 * /api/scopes}, {@code /api/metrics} with and without {@code period}, {@code /api/latest} likewise,
 * {@code /api/outcomes}, {@code /api/targets}; records carry every {@link MetricRecord} field by its Avro
 * name; 404 for a scope id without records and 503 for periods while the period history cannot be read,
 * as the app answers). It lets the browser test show the page a province: 24 hourly windows, the cities
 * and chains, a suppressed group, a missing one, nulls, targets with baselines, and the year to date
 * with its months, cities and chains. {@link #show} swaps the whole data set at once, as a revision would.
 */
final class StandInQueryApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    /** Newest window: 14:00-15:00 China time. */
    static final Instant NEWEST_WINDOW = Instant.parse("2026-11-23T06:00:00Z");

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Instant YEAR_2025 = LocalDate.of(2025, 1, 1).atStartOfDay(CHINA).toInstant();
    private static final Instant YEAR_2026 = LocalDate.of(2026, 1, 1).atStartOfDay(CHINA).toInstant();
    private static final Instant YEAR_2027 = LocalDate.of(2027, 1, 1).atStartOfDay(CHINA).toInstant();

    /** One whole answer set. outcomes null: {@code /api/outcomes} answers 503. */
    record DataSet(ObjectNode scopes, List<ObjectNode> province, List<ObjectNode> regions, List<ObjectNode> chains,
                   ObjectNode outcomes, ArrayNode targets, Periods periods) {

        DataSet withPeriods(Periods next) {
            return new DataSet(scopes, province, regions, chains, outcomes, targets, next);
        }
    }

    /**
     * The period history's answers: the province's YEAR record (null: none, 404) and MONTH records, newest first, and the
     * newest YEAR record of each city and chain. Not readable: every period query answers 503, as while Kafka Streams starts.
     */
    record Periods(boolean readable, ObjectNode year, List<ObjectNode> months, List<ObjectNode> regions, List<ObjectNode> chains) {
        static final Periods NONE = new Periods(true, null, List.of(), List.of(), List.of());
        static final Periods NOT_READABLE = new Periods(false, null, List.of(), List.of(), List.of());
    }

    private volatile DataSet data;

    StandInQueryApi(DataSet data) {
        this.data = data;
    }

    void show(DataSet next) {
        this.data = next;
    }

    void register(HttpApi http) {
        http.route("/api/scopes", exchange -> json(data.scopes()));
        http.route("/api/metrics", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int limit = Integer.parseInt(query.getOrDefault("limit", "24"));
            String period = query.getOrDefault("period", "WINDOW");
            DataSet shown = data;
            if (!period.equals("WINDOW") && !shown.periods().readable()) {
                return notReadable();
            }
            boolean province = "PROVINCE".equals(query.get("scope")) && "ZJ".equals(query.get("scopeId"));
            List<ObjectNode> all = !province ? List.of() : switch (period) {
                case "WINDOW" -> shown.province();
                case "YEAR" -> shown.periods().year() == null ? List.of() : List.of(shown.periods().year());
                case "MONTH" -> shown.periods().months();
                default -> List.of();
            };
            List<ObjectNode> records = all.subList(0, Math.min(limit, all.size()));
            if (records.isEmpty()) {
                // As the app's API: a scope id without records is unknown to it.
                return HttpApi.Response.json(404, "{\"error\":\"no records of " + query.get("scope") + " " + query.get("scopeId") + "\"}");
            }
            return json(JSON.createObjectNode().put("scope", query.get("scope")).put("scopeId", query.get("scopeId")).put("period", period)
                    .set("records", JSON.valueToTree(records)));
        });
        http.route("/api/latest", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String scope = query.get("scope");
            String period = query.getOrDefault("period", "WINDOW");
            DataSet shown = data;
            if (!period.equals("WINDOW") && !shown.periods().readable()) {
                return notReadable();
            }
            List<ObjectNode> records = switch (period + ":" + scope) {
                case "WINDOW:REGION" -> shown.regions();
                case "WINDOW:INDUSTRY_CHAIN" -> shown.chains();
                case "YEAR:REGION" -> shown.periods().regions();
                case "YEAR:INDUSTRY_CHAIN" -> shown.periods().chains();
                default -> List.of();
            };
            return json(JSON.createObjectNode().put("scope", scope).put("period", period).set("records", JSON.valueToTree(records)));
        });
        http.route("/api/outcomes", exchange -> data.outcomes() == null
                ? HttpApi.Response.json(503, "{\"error\":\"outcome counters not ready\"}")
                : json(data.outcomes()));
        http.route("/api/targets", exchange -> json(data.targets()));
    }

    private static HttpApi.Response notReadable() {
        return HttpApi.Response.json(503, "{\"error\":\"the period history is not readable yet; try again in a few seconds\"}");
    }

    private static HttpApi.Response json(JsonNode body) {
        return HttpApi.Response.json(200, body.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    // ------------------------------------------------------------------ data sets

    /**
     * The province at 14:xx: the newest window provisional (revision 3, productivity 25.25,
     * 82 of 120 above-scale enterprises fully digitized), 23 final windows before it, one of them
     * (11 hours back) without production reports; Zhoushan and high-end software suppressed, Lishui and
     * intelligent computing without a record; every input topic balanced.
     */
    static DataSet zhejiang() {
        List<ObjectNode> province = new ArrayList<>();
        for (int back = 0; back < 24; back++) {
            double productivity = back == 0 ? 25.25 : 25.1 - 0.04 * back;
            ObjectNode r = record("PROVINCE", "ZJ", NEWEST_WINDOW.minus(HOUR.multipliedBy(back)), back == 0 ? 3 : 4 + back % 3, back != 0,
                    200, 120, back == 11 ? null : productivity, (82 - back % 3) / 120.0);
            province.add(r);
        }
        province.get(0).put("energyIntensity", 1.006);
        return new DataSet(scopes(200), province, regions(), chains(), outcomes(9_310, true), targets(), yearToDate());
    }

    /** The next poll's answer: the newest window revised (revision 4, productivity 25.74, 83 fully digitized), production no longer balanced. */
    static DataSet zhejiangRevised() {
        DataSet before = zhejiang();
        List<ObjectNode> province = new ArrayList<>(before.province());
        province.set(0, record("PROVINCE", "ZJ", NEWEST_WINDOW, 4, false, 200, 120, 25.74, 83 / 120.0));
        return new DataSet(before.scopes(), province, before.regions(), before.chains(), outcomes(9_410, false), before.targets(),
                before.periods());
    }

    /** Before any roll-up: enterprises only, no targets, and the outcome counters not answering yet. */
    static DataSet enterprisesOnly() {
        ObjectNode scopes = JSON.createObjectNode();
        scopes.putArray("PROVINCE");
        scopes.putArray("REGION");
        scopes.putArray("INDUSTRY_CHAIN");
        scopes.put("ENTERPRISE", 37);
        return new DataSet(scopes, List.of(), List.of(), List.of(), null, JSON.createArrayNode(), Periods.NONE);
    }

    private static ObjectNode scopes(int enterprises) {
        ObjectNode scopes = JSON.createObjectNode();
        scopes.putArray("PROVINCE").add("ZJ");
        ArrayNode regions = scopes.putArray("REGION");
        PageShowsApi.CITIES.forEach(regions::add);
        ArrayNode chains = scopes.putArray("INDUSTRY_CHAIN");
        List.of("AUTO_PARTS", "DIGITAL_SECURITY", "HIGH_END_SOFTWARE", "INTEGRATED_CIRCUITS", "NETWORK_COMMUNICATION", "TEXTILES")
                .forEach(chains::add);
        scopes.put("ENTERPRISE", enterprises);
        return scopes;
    }

    private static List<ObjectNode> regions() {
        String[] cities = {"HZ", "NB", "WZ", "JX", "HU", "SX", "JH", "QZ", "ZS", "TZ"};
        int[] enterprises = {28, 36, 24, 22, 16, 20, 18, 6, 2, 20};
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < cities.length; i++) {
            boolean suppressed = enterprises[i] < 3;
            int aboveScale = enterprises[i] * 3 / 5;
            // Odd cities' newest window is still open; the others show their last final one.
            boolean open = i % 2 == 1;
            ObjectNode r = record("REGION", cities[i], open ? NEWEST_WINDOW : NEWEST_WINDOW.minus(HOUR), open ? 2 : 5, !open,
                    enterprises[i], aboveScale, suppressed ? null : 22.0 + i * 0.9,
                    suppressed ? null : Math.max(0, aboveScale - 1 - i % 4) / (double) aboveScale);
            if (suppressed) {
                suppress(r);
            }
            records.add(r);
        }
        return records;
    }

    private static List<ObjectNode> chains() {
        String[] chains = {"AUTO_PARTS", "DIGITAL_SECURITY", "HIGH_END_SOFTWARE", "INTEGRATED_CIRCUITS", "NETWORK_COMMUNICATION", "TEXTILES"};
        int[] enterprises = {36, 16, 2, 16, 18, 40};
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < chains.length; i++) {
            boolean suppressed = enterprises[i] < 3;
            int aboveScale = enterprises[i] * 3 / 5;
            ObjectNode r = record("INDUSTRY_CHAIN", chains[i], NEWEST_WINDOW, 3, false, enterprises[i], aboveScale,
                    suppressed ? null : 20.5 + i * 2.3, suppressed ? null : (aboveScale - i % 3) / (double) aboveScale);
            if (suppressed) {
                suppress(r);
            }
            records.add(r);
        }
        return records;
    }

    /** A record with every field of the contract; the indicators besides the two given derive from the window. */
    private static ObjectNode record(String scope, String scopeId, Instant windowStart, long revision, boolean isFinal,
                                     long enterprises, long aboveScale, Double productivity, Double fullyDigitizedRate) {
        ObjectNode r = JSON.createObjectNode();
        for (Schema.Field field : MetricRecord.getClassSchema().getFields()) {
            r.putNull(field.name());
        }
        long hour = windowStart.getEpochSecond() / 3600 % 24;
        r.put("scope", scope).put("scopeId", scopeId)
                .put("windowStart", windowStart.toString()).put("windowEnd", windowStart.plus(HOUR).toString())
                .put("enterprises", enterprises).put("aboveScaleEnterprises", aboveScale).put("employees", enterprises * 290)
                .put("annualizedLaborProductivity", productivity).put("fullyDigitizedRate", fullyDigitizedRate)
                .put("fullyDigitizedAboveScale", fullyDigitizedRate == null ? null : Math.round(fullyDigitizedRate * aboveScale))
                .put("cloudAdoptionRate", 0.6 + hour * 0.001).put("digitizedProcessRatio", 0.8125)
                .put("ncRatio", 0.552).put("deviceCloudRatio", 0.3507).put("qualityRate", 0.97015).put("availability", 0.8312)
                .put("energyIntensity", 0.95 + hour * 0.01).put("smartFactoryEnterprises", enterprises * 3 / 100)
                .put("suppressed", false).put("revision", revision).put("final", isFinal)
                .put("lateEventsInGrace", 0).put("duplicatesDropped", 12)
                .put("lastEventTime", windowStart.plus(HOUR).minusSeconds(isFinal ? 20 : 1500).toString())
                .put("emittedAt", windowStart.plus(HOUR).plusSeconds(isFinal ? 660 : 0).toString());
        r.putObject("chainPercentiles");
        ObjectNode gaps = r.putObject("targetGaps");
        if ("PROVINCE".equals(scope)) {
            // The pipeline's gaps; cloudAdoptionRate's target has none yet, so the page works that one out.
            if (productivity != null) {
                gaps.put("annualizedLaborProductivity", productivity - 33.1);
            }
            gaps.put("fullyDigitizedRate", fullyDigitizedRate - 0.8);
            gaps.put("smartFactoryEnterprises", enterprises * 3 / 100 - 1000);
        }
        return r;
    }

    /**
     * 2026 to date, through 14:00 on 23 November (China time, the end of the last final window): the province from 182 of
     * its 200 registered enterprises (productivity 23.46, 77.12 % fully digitized, 65.5 % on the cloud, 41 smart
     * factories) with the pipeline's gaps to the targets and to the straight lines from their 2022 baselines (at 77.9 %
     * of the way from 2022-12-31 to 2027-12-31, the line of productivity is at 29.565, fully digitized at 76.02 %,
     * smart factories at 780.84; cloud adoption's target has no baseline); its months January to November (those to
     * October final, November open, March without production reports), and December 2025 beside them; the cities as
     * the windows have them, but Quzhou, whose newest YEAR record is 2025's, and Lishui, with none; four chains.
     */
    private static Periods yearToDate() {
        ObjectNode year = period("YEAR", "PROVINCE", "ZJ", YEAR_2026, YEAR_2027, NEWEST_WINDOW, 182, 200, 23.46, 0.7712);
        year.put("revision", 1_873).put("cloudAdoptionRate", 0.655).put("smartFactoryEnterprises", 41);
        year.putObject("targetGaps").put("annualizedLaborProductivity", 23.46 - 33.1).put("cloudAdoptionRate", 0.655 - 0.8)
                .put("fullyDigitizedRate", 0.7712 - 0.8).put("smartFactoryEnterprises", 41 - 1000);
        year.putObject("trajectoryGaps").put("annualizedLaborProductivity", -6.1051).put("fullyDigitizedRate", 0.01097)
                .put("smartFactoryEnterprises", -739.84);

        List<ObjectNode> months = new ArrayList<>();
        for (int month = 11; month >= 1; month--) {
            Instant start = LocalDate.of(2026, month, 1).atStartOfDay(CHINA).toInstant();
            Instant end = LocalDate.of(2026, month, 1).plusMonths(1).atStartOfDay(CHINA).toInstant();
            boolean open = month == 11;
            ObjectNode r = period("MONTH", "PROVINCE", "ZJ", start, end, open ? NEWEST_WINDOW : end, 170 + month, 200,
                    month == 3 ? null : 22.0 + 0.25 * month, (70 + month) / 100.0);
            r.put("final", !open).put("revision", open ? 410 : 744).put("smartFactoryEnterprises", 30 + month);
            months.add(r);
        }
        months.add(period("MONTH", "PROVINCE", "ZJ", LocalDate.of(2025, 12, 1).atStartOfDay(CHINA).toInstant(), YEAR_2026, YEAR_2026,
                168, 196, 21.9, 0.69).put("final", true));

        String[] cities = {"HZ", "NB", "WZ", "JX", "HU", "SX", "JH", "QZ", "ZS", "TZ"};
        int[] enterprises = {28, 36, 24, 22, 16, 20, 18, 6, 2, 20};
        List<ObjectNode> regions = new ArrayList<>();
        for (int i = 0; i < cities.length; i++) {
            boolean lastYear = cities[i].equals("QZ");
            ObjectNode r = period("YEAR", "REGION", cities[i], lastYear ? YEAR_2025 : YEAR_2026, lastYear ? YEAR_2026 : YEAR_2027,
                    lastYear ? YEAR_2026 : NEWEST_WINDOW, enterprises[i], enterprises[i] + 2, 21.0 + 0.7 * i, (60 + i) / 100.0);
            r.put("final", lastYear);
            if (enterprises[i] < 3) {
                suppress(r);
            }
            regions.add(r);
        }
        String[] chains = {"AUTO_PARTS", "DIGITAL_SECURITY", "INTEGRATED_CIRCUITS", "TEXTILES"};
        int[] chainEnterprises = {36, 16, 16, 40};
        List<ObjectNode> chainRecords = new ArrayList<>();
        for (int i = 0; i < chains.length; i++) {
            chainRecords.add(period("YEAR", "INDUSTRY_CHAIN", chains[i], YEAR_2026, YEAR_2027, NEWEST_WINDOW, chainEnterprises[i],
                    chainEnterprises[i] + 4, 20.5 + 2.3 * i, (55 + 5 * i) / 100.0));
        }
        return new Periods(true, year, months, regions, chainRecords);
    }

    /** A period record: a window record's fields, over [start, end), covered until {@code coveredUntil}, with its coverage. */
    private static ObjectNode period(String period, String scope, String scopeId, Instant start, Instant end, Instant coveredUntil,
                                     long enterprises, long registered, Double productivity, Double fullyDigitizedRate) {
        ObjectNode r = record(scope, scopeId, start, 1, false, enterprises, enterprises * 3 / 5, productivity, fullyDigitizedRate);
        r.put("period", period).put("windowEnd", end.toString()).put("coveredUntil", coveredUntil.toString())
                .put("registeredEnterprises", registered).put("registeredAboveScale", registered * 3 / 5)
                .put("coverage", enterprises / (double) registered)
                .put("emittedAt", coveredUntil.plusSeconds(660).toString());
        r.putObject("targetGaps");
        r.putObject("trajectoryGaps");
        return r;
    }

    private static void suppress(ObjectNode r) {
        for (PageFormat.Indicator indicator : PageFormat.INDICATORS) {
            r.putNull(indicator.key());
        }
        r.put("suppressed", true);
    }

    /** An unbalanced production topic also lists the "ignored" outcomes, which the contract allows an API to add. */
    private static ObjectNode outcomes(long productionConsumed, boolean productionBalanced) {
        ObjectNode topics = JSON.createObjectNode();
        topic(topics, "brain.telemetry", 1_283_400, 1_270_118, 12_790, Map.of("INVALID", 130L, "LATE", 250L, "DESERIALIZATION", 112L), 0, true);
        topic(topics, "brain.production", productionConsumed, 9_215, 93, Map.of("DESERIALIZATION", 2L), 0, productionBalanced);
        topic(topics, "brain.shifts", 600, 594, 6, Map.of(), 0, true);
        topic(topics, "brain.processes", 25_200, 25_164, 0, Map.of("UNKNOWN_ENTERPRISE", 30L), 6, true);
        if (!productionBalanced) {
            ((ObjectNode) topics.path("brain.production")).putObject("ignored").put("LATE", 4).put("INVALID", 0);
        }
        ObjectNode outcomes = JSON.createObjectNode();
        outcomes.set("topics", topics);
        return outcomes;
    }

    private static void topic(ObjectNode topics, String name, long consumed, long accepted, long duplicates,
                              Map<String, Long> deadLettered, long inFlight, boolean balanced) {
        ObjectNode t = topics.putObject(name).put("consumed", consumed).put("accepted", accepted).put("duplicates", duplicates);
        ObjectNode letters = t.putObject("deadLettered");
        deadLettered.forEach(letters::put);
        t.put("inFlight", inFlight).put("balanced", balanced);
    }

    /** The plan's targets, due at the end of 2027, three with their baselines of 2022. */
    private static ArrayNode targets() {
        ArrayNode targets = JSON.createArrayNode();
        target(targets, "PROVINCE", "ZJ", "annualizedLaborProductivity", 33.1, "2027-12-31", 17.1, "2022-12-31");
        target(targets, "PROVINCE", "ZJ", "fullyDigitizedRate", 0.8, "2027-12-31", 0.62, "2022-12-31");
        target(targets, "PROVINCE", "ZJ", "cloudAdoptionRate", 0.8, null, null, null);
        target(targets, "PROVINCE", "ZJ", "smartFactoryEnterprises", 1000, "2027-12-31", 8.0, "2022-12-31");
        target(targets, "REGION", "HZ", "fullyDigitizedRate", 0.85, "2027-12-31", null, null);
        return targets;
    }

    private static void target(ArrayNode targets, String scope, String scopeId, String metric, double target, String dueDate,
                               Double baseline, String baselineDate) {
        targets.addObject().put("scope", scope).put("scopeId", scopeId).put("metric", metric).put("target", target).put("dueDate", dueDate)
                .put("baseline", baseline).put("baselineDate", baselineDate);
    }
}
