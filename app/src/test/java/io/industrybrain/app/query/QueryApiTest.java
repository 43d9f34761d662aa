package io.industrybrain.app.query;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.serde.InMemorySchemaRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query API's contract, over HTTP, on a view filled by hand. */
class QueryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MetricsView view = new MetricsView();
    private final OutcomeCounters counters = new OutcomeCounters();
    private final ClusterOutcomes outcomes = new ClusterOutcomes("industry-brain", counters, new TopicNames(""));
    private final EnterpriseDirectory enterprises = new EnterpriseDirectory();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TopicNames topics = new TopicNames("");
    private final InMemoryPeriodRecords periodRecords = new InMemoryPeriodRecords(registry, topics);
    private HttpApi http;

    @BeforeEach
    void start() throws IOException {
        http = new HttpApi(0);
        new QueryApi(view, periodRecords.history(), enterprises, outcomes).register(http);
        http.start();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private record Answer(int status, JsonNode body) { }

    private Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void scopesListsTheRollUpIdsAndCountsTheEnterprises() throws Exception {
        view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        view.add(record(Scope.REGION, "NB", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        view.add(record(Scope.ENTERPRISE, "E2", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        view.add(record(Scope.ENTERPRISE, "E2", "2026-03-01T11:00:00Z", 1, false, "2026-03-01T11:01:00Z").build());

        Answer answer = get("/api/scopes");

        assertEquals(200, answer.status());
        assertEquals(json("{\"PROVINCE\":[\"ZJ\"],\"REGION\":[\"HZ\",\"NB\"],\"INDUSTRY_CHAIN\":[],\"ENTERPRISE\":2}"), answer.body());
    }

    @Test
    void metricsAreTheNewestWindowsWithEveryFieldByItsAvroName() throws Exception {
        view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T10:00:00Z", 7, true, "2026-03-01T11:10:00.250Z")
                .setAddedValueCny(30_000.0).setLaborProductivityPerWorkerHour(null)
                .setChainPercentiles(Map.of()).setTargetGaps(Map.of("fullyDigitizedRate", -0.05))
                .setLastEventTime(Instant.parse("2026-03-01T10:59:00Z")).setLastIngestTime(Instant.parse("2026-03-01T10:59:01Z"))
                .build());
        view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T11:00:00Z", 1, false, "2026-03-01T11:01:00Z").build());

        Answer answer = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=24");

        assertEquals(200, answer.status());
        assertEquals("PROVINCE", answer.body().path("scope").asText());
        assertEquals("ZJ", answer.body().path("scopeId").asText());
        JsonNode records = answer.body().path("records");
        assertEquals(2, records.size());
        assertEquals("2026-03-01T11:00:00Z", records.get(0).path("windowStart").asText(), "newest window first");
        JsonNode closed = records.get(1);
        assertEquals(json("""
                {"scope":"PROVINCE","scopeId":"ZJ","windowStart":"2026-03-01T10:00:00Z","windowEnd":"2026-03-01T11:00:00Z",
                 "enterprises":1,"aboveScaleEnterprises":null,"employees":null,"addedValueCny":30000.0,"outputValueCny":null,
                 "workerHours":null,"laborProductivityPerWorkerHour":null,"annualizedLaborProductivity":null,"activeDevices":null,
                 "ncDevices":null,"cloudDevices":null,"ncRatio":null,"deviceCloudRatio":null,"goodUnits":null,"defectUnits":null,
                 "qualityRate":null,"runningSeconds":null,"idleSeconds":null,"downSeconds":null,"availability":null,"energyKwh":null,
                 "energyIntensity":null,"digitizedProcesses":null,"digitizedProcessRatio":null,"fullyDigitizedEnterprises":null,
                 "fullyDigitizedAboveScale":null,"onCloudEnterprises":null,"cloudAdoptionRate":null,"smartFactoryEnterprises":null,
                 "fullyDigitizedRate":null,"chainPercentiles":{},"targetGaps":{"fullyDigitizedRate":-0.05},"suppressed":false,
                 "revision":7,"final":true,"lateEventsInGrace":0,"duplicatesDropped":0,"lastEventTime":"2026-03-01T10:59:00Z",
                 "emittedAt":"2026-03-01T11:10:00.250Z","lastIngestTime":"2026-03-01T10:59:01Z","period":"WINDOW",
                 "coveredFrom":null,"coveredUntil":null,"registeredEnterprises":null,"registeredAboveScale":null,"coverage":null,"trajectoryGaps":{}}"""), closed);

        assertEquals(1, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=1").body().path("records").size());
        assertEquals(2, get("/api/metrics?scope=PROVINCE&scopeId=ZJ").body().path("records").size(), "default limit 24");
    }

    @Test
    void latestIsOneRecordPerScopeId() throws Exception {
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 4, true, "2026-03-01T11:10:00Z").build());
        view.add(record(Scope.REGION, "HZ", "2026-03-01T11:00:00Z", 2, false, "2026-03-01T11:30:00Z").build());
        view.add(record(Scope.REGION, "NB", "2026-03-01T10:00:00Z", 4, true, "2026-03-01T11:10:00Z").build());
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T11:00:00Z", 3, false, "2026-03-01T11:30:00Z").build());

        JsonNode regions = get("/api/latest?scope=REGION").body();
        assertEquals("REGION", regions.path("scope").asText());
        assertEquals(List.of("HZ 2026-03-01T11:00:00Z", "NB 2026-03-01T10:00:00Z"), List.of(
                regions.path("records").get(0).path("scopeId").asText() + " " + regions.path("records").get(0).path("windowStart").asText(),
                regions.path("records").get(1).path("scopeId").asText() + " " + regions.path("records").get(1).path("windowStart").asText()));
        assertEquals(2, regions.path("records").size());

        Answer enterprise = get("/api/latest?scope=ENTERPRISE&scopeId=E1");
        assertEquals(200, enterprise.status());
        assertEquals(3, enterprise.body().path("records").get(0).path("revision").asLong());

    }

    /** A period record of brain.metrics.periods, as the topology publishes it, in the period history under its key. */
    private void period(Period period, Scope scope, String scopeId, String firstDay, String start, String end, long enterprises) {
        MetricRecord record = record(scope, scopeId, start, 1, false, end).setPeriod(period).setWindowEnd(Instant.parse(end))
                .setEnterprises(enterprises).build();
        periodRecords.put(record, LocalDate.parse(firstDay));
    }

    @Test
    void periodsAreAnsweredFromTheHistoryNewestFirstWithinFromAndTo() throws Exception {
        // Asia/Shanghai days: [16:00Z, 16:00Z)
        period(Period.DAY, Scope.PROVINCE, "ZJ", "2026-12-05", "2026-12-04T16:00:00Z", "2026-12-05T16:00:00Z", 5);
        period(Period.DAY, Scope.PROVINCE, "ZJ", "2026-12-06", "2026-12-05T16:00:00Z", "2026-12-06T16:00:00Z", 6);
        period(Period.DAY, Scope.PROVINCE, "ZJ", "2026-12-07", "2026-12-06T16:00:00Z", "2026-12-07T16:00:00Z", 7);
        period(Period.MONTH, Scope.PROVINCE, "ZJ", "2026-12-01", "2026-11-30T16:00:00Z", "2026-12-31T16:00:00Z", 9);
        period(Period.DAY, Scope.REGION, "HZ", "2026-12-07", "2026-12-06T16:00:00Z", "2026-12-07T16:00:00Z", 3);
        // a scopeId that shares ZJ's key prefix is someone else
        period(Period.DAY, Scope.PROVINCE, "ZJ:X", "2026-12-07", "2026-12-06T16:00:00Z", "2026-12-07T16:00:00Z", 1);

        JsonNode days = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=DAY").body();
        assertEquals("DAY", days.path("period").asText());
        assertEquals(List.of(7L, 6L, 5L), days.path("records").findValues("enterprises").stream().map(JsonNode::asLong).toList());
        assertEquals("DAY", days.path("records").get(0).path("period").asText());

        JsonNode paged = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=DAY&limit=2").body();
        assertEquals(2, paged.path("records").size());
        JsonNode rest = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=DAY&cursor=" + paged.path("next").asText()).body();
        assertEquals(List.of(5L), rest.path("records").findValues("enterprises").stream().map(JsonNode::asLong).toList());

        JsonNode within = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=DAY&from=2026-12-05T16:00:00Z&to=2026-12-06T16:00:00Z").body();
        assertEquals(List.of(6L), within.path("records").findValues("enterprises").stream().map(JsonNode::asLong).toList());

        assertEquals(9L, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=MONTH").body().path("records").get(0).path("enterprises").asLong());
        assertEquals(404, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=YEAR").status());
        assertEquals(400, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=WEEK").status());

        JsonNode latestDays = get("/api/latest?scope=PROVINCE&period=DAY").body();
        assertEquals(List.of("ZJ 7", "ZJ:X 1"), List.of(
                latestDays.path("records").get(0).path("scopeId").asText() + " " + latestDays.path("records").get(0).path("enterprises").asLong(),
                latestDays.path("records").get(1).path("scopeId").asText() + " " + latestDays.path("records").get(1).path("enterprises").asLong()));
        JsonNode firstPage = get("/api/latest?scope=PROVINCE&period=DAY&limit=1").body();
        assertEquals(1, firstPage.path("records").size());
        JsonNode secondPage = get("/api/latest?scope=PROVINCE&period=DAY&limit=1&cursor=" + firstPage.path("next").asText()).body();
        assertEquals("ZJ:X", secondPage.path("records").get(0).path("scopeId").asText());
        assertEquals(3L, get("/api/latest?scope=REGION&scopeId=HZ&period=DAY").body().path("records").get(0).path("enterprises").asLong());
    }

    @Test
    void periodsWhileTheHistoryCannotBeReadAre503() throws Exception {
        http.close();
        http = new HttpApi(0);
        new QueryApi(view, new PeriodHistory(() -> {
            throw new PeriodHistory.NotReady("the period history is not readable yet");
        }, registry, topics), enterprises, outcomes).register(http);
        http.start();
        Answer answer = get("/api/metrics?scope=PROVINCE&scopeId=ZJ&period=YEAR");
        assertEquals(503, answer.status());
        assertEquals(json("{\"error\":\"the period history is not readable yet\"}"), answer.body());
    }

    @Test
    void badParametersAre400AndUnknownIds404() throws Exception {
        assertEquals(json("{\"error\":\"parameter scope is required\"}"), get("/api/metrics?scopeId=ZJ").body());
        assertEquals(400, get("/api/metrics?scopeId=ZJ").status());
        assertEquals(json("{\"error\":\"scope must be one of ENTERPRISE, INDUSTRY_CHAIN, REGION, PROVINCE, was COUNTY\"}"),
                get("/api/latest?scope=COUNTY").body());
        assertEquals(json("{\"error\":\"parameter scopeId is required\"}"), get("/api/metrics?scope=PROVINCE").body());
        assertEquals(json("{\"error\":\"limit must be a whole number from 1 to 1000, was 0\"}"),
                get("/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=0").body());
        assertEquals(400, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=ten").status());

        Answer unknown = get("/api/metrics?scope=REGION&scopeId=Atlantis");
        assertEquals(404, unknown.status());
        assertEquals(json("{\"error\":\"no records of REGION Atlantis\"}"), unknown.body());
        assertEquals(404, get("/api/latest?scope=ENTERPRISE&scopeId=E404").status());
        assertEquals(404, get("/api/nothing-here").status());
    }

    @Test
    void encodedParametersAreDecoded() throws Exception {
        view.add(record(Scope.INDUSTRY_CHAIN, "高端软件 & more", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());

        Answer answer = get("/api/latest?scope=INDUSTRY_CHAIN&scopeId=%E9%AB%98%E7%AB%AF%E8%BD%AF%E4%BB%B6+%26+more");

        assertEquals(200, answer.status());
        assertEquals("高端软件 & more", answer.body().path("records").get(0).path("scopeId").asText());
    }

    @Test
    void outcomesPerTopicWithEveryDeadLetterReasonAndTheBalance() throws Exception {
        // telemetry, from the ledger: intake tasks 0 and 1 read 4; 1 rejected INVALID, 3 forwarded; the window stage
        // settled 1 accepted (partition 0) and 1 duplicate (partition 1), 1 is still in flight
        outcomes.apply("industry-brain/intake/0", LedgerRows.intake(0, "brain.telemetry", 2, Map.of("INVALID", 1L)));
        outcomes.apply("industry-brain/intake/1", LedgerRows.intake(1, "brain.telemetry", 1, Map.of()));
        outcomes.apply("industry-brain/window/0/0", LedgerRows.window(0, 0, "brain.telemetry", 1, 0, 0));
        outcomes.apply("industry-brain/window/1/1", LedgerRows.window(1, 1, "brain.telemetry", 0, 1, 0));
        // another application reading the same topics keeps a ledger of its own
        outcomes.apply("reprocessing/intake/0", LedgerRows.intake(0, "brain.telemetry", 100, Map.of()));
        // what this instance processed of telemetry is not what the cluster did: not reported here
        counters.forwardedAtIntake("brain.telemetry");
        // reference data, from this instance: 1 applied, 1 not decodable
        counters.referenceApplied("brain.enterprises");
        counters.referenceIgnored("brain.enterprises", DeadLetterReason.DESERIALIZATION);
        String zero = """
                {"consumed":0,"accepted":0,"duplicates":0,
                 "deadLettered":{"DESERIALIZATION":0,"INVALID":0,"UNKNOWN_ENTERPRISE":0,"LATE":0},
                 "ignored":{},"inFlight":0,"balanced":true}""";
        String enterprises = """
                {"consumed":2,"accepted":1,"duplicates":0,
                 "deadLettered":{"DESERIALIZATION":0,"INVALID":0,"UNKNOWN_ENTERPRISE":0,"LATE":0},
                 "ignored":{"DESERIALIZATION":1},"inFlight":0,"balanced":true}""";

        // Until the ledger is read to its end, its topics read zero
        assertEquals(json("{\"ledgerCurrent\":false,\"topics\":{\"brain.enterprises\":" + enterprises + ",\"brain.processes\":" + zero
                + ",\"brain.production\":" + zero + ",\"brain.shifts\":" + zero + ",\"brain.telemetry\":" + zero + "}}"),
                get("/api/outcomes").body());

        outcomes.caughtUp();
        assertEquals(json("{\"ledgerCurrent\":true,\"topics\":{\"brain.enterprises\":" + enterprises + ",\"brain.processes\":" + zero
                + ",\"brain.production\":" + zero + ",\"brain.shifts\":" + zero + ",\"brain.telemetry\":" + """
                {"consumed":4,"accepted":1,"duplicates":1,
                 "deadLettered":{"DESERIALIZATION":0,"INVALID":1,"UNKNOWN_ENTERPRISE":0,"LATE":0},
                 "ignored":{},"inFlight":1,"balanced":true}}}"""), get("/api/outcomes").body());
    }

    @Test
    void targetsAsSeenOnTheTargetsTopic() throws Exception {
        view.target("PROVINCE:ZJ", new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, LocalDate.parse("2025-12-31"),
                0.683, LocalDate.parse("2020-12-31")));
        view.target("REGION:HZ", new MetricTarget(Scope.REGION, "HZ", "cloudAdoptionRate", 0.9, null, null, null));

        assertEquals(json("""
                [{"scope":"PROVINCE","scopeId":"ZJ","metric":"fullyDigitizedRate","target":0.8,"dueDate":"2025-12-31","baseline":0.683,"baselineDate":"2020-12-31"},
                 {"scope":"REGION","scopeId":"HZ","metric":"cloudAdoptionRate","target":0.9,"dueDate":null,"baseline":null,"baselineDate":null}]"""),
                get("/api/targets").body());
    }

    private static List<String> windowStarts(JsonNode page) {
        List<String> starts = new ArrayList<>();
        page.path("records").forEach(record -> starts.add(record.path("windowStart").asText()));
        return starts;
    }

    @Test
    void aTimeRangeIsTheWindowsStartingInItAndPagesGoBackInTime() throws Exception {
        for (String hour : List.of("08", "09", "10", "11", "12")) {
            view.add(record(Scope.REGION, "HZ", "2026-03-01T" + hour + ":00:00Z", 1, false, "2026-03-01T12:30:00Z").build());
        }

        JsonNode range = get("/api/metrics?scope=REGION&scopeId=HZ&from=2026-03-01T08:30:00Z&to=2026-03-01T12:00:00Z").body();
        assertEquals(List.of("2026-03-01T11:00:00Z", "2026-03-01T10:00:00Z", "2026-03-01T09:00:00Z"), windowStarts(range));
        assertTrue(range.path("next").isNull());

        JsonNode first = get("/api/metrics?scope=REGION&scopeId=HZ&from=2026-03-01T09:00:00Z&limit=2").body();
        assertEquals(List.of("2026-03-01T12:00:00Z", "2026-03-01T11:00:00Z"), windowStarts(first));
        JsonNode second = get("/api/metrics?scope=REGION&scopeId=HZ&from=2026-03-01T09:00:00Z&limit=2&cursor="
                + first.path("next").asText()).body();
        assertEquals(List.of("2026-03-01T10:00:00Z", "2026-03-01T09:00:00Z"), windowStarts(second));
        assertTrue(second.path("next").isNull(), "08:00 is before from");

        Answer empty = get("/api/metrics?scope=REGION&scopeId=HZ&from=2026-03-02T00:00:00Z");
        assertEquals(200, empty.status(), "a known scopeId with no window in the range");
        assertEquals(List.of(), windowStarts(empty.body()));
    }

    @Test
    void everyEnterpriseInPagesByIdEachPageAfterTheLastOfThePreviousOne() throws Exception {
        for (String id : List.of("E05", "E01", "E04", "E02", "E03")) {
            view.add(record(Scope.ENTERPRISE, id, "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String query = "/api/latest?scope=ENTERPRISE&limit=2";
        JsonNode page = get(query).body();
        while (true) {
            page.path("records").forEach(record -> seen.add(record.path("scopeId").asText()));
            pageSizes.add(page.path("records").size());
            if (page.path("next").isNull()) {
                break;
            }
            if (seen.size() == 2) {
                // an enterprise appearing before the cursor meanwhile moves nothing onto the next page twice
                view.add(record(Scope.ENTERPRISE, "E00", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
            }
            page = get(query + "&cursor=" + page.path("next").asText()).body();
        }

        assertEquals(List.of("E01", "E02", "E03", "E04", "E05"), seen);
        assertEquals(List.of(2, 2, 1), pageSizes);
    }

    @Test
    void aRankingOfAChainsEnterprisesByAnIndicator() throws Exception {
        enterprises.apply("E1", Events.enterprise("E1", "IC", "HZ", true, 100));
        enterprises.apply("E2", Events.enterprise("E2", "IC", "NB", true, 100));
        enterprises.apply("E3", Events.enterprise("E3", "IC", "WZ", true, 100));
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 3, true, "2026-03-01T11:10:00Z").setActiveDevices(4L).build());
        view.add(record(Scope.ENTERPRISE, "E2", "2026-03-01T10:00:00Z", 2, false, "2026-03-01T10:30:00Z").setActiveDevices(9L).build());
        view.add(record(Scope.ENTERPRISE, "E3", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:20:00Z").build());

        assertEquals(json("""
                {"chain":"IC","metric":"activeDevices","order":"bottom","windowStart":"2026-03-01T10:00:00Z",
                 "windowEnd":"2026-03-01T11:00:00Z","ranked":3,"withoutValue":1,"enterprises":[
                  {"rank":1,"enterpriseId":"E1","name":"Enterprise E1","region":"HZ","value":4,"final":true,"revision":3},
                  {"rank":2,"enterpriseId":"E2","name":"Enterprise E2","region":"NB","value":9,"final":false,"revision":2}]}"""),
                get("/api/ranking?chain=IC&metric=activeDevices&order=bottom&limit=2").body());
        assertEquals("E2", get("/api/ranking?chain=IC&metric=activeDevices&windowStart=2026-03-01T10:00:00Z")
                .body().path("enterprises").get(0).path("enterpriseId").asText(), "top by default");
        Answer unknown = get("/api/ranking?chain=XX&metric=activeDevices");
        assertEquals(404, unknown.status());
        assertEquals(json("{\"error\":\"no enterprises of industry chain XX in the reference data\"}"), unknown.body());
        assertEquals(404, get("/api/ranking?chain=IC&metric=activeDevices&windowStart=2026-03-01T09:00:00Z").status());
    }

    @Test
    void eachBadParameterIsNamedWithWhatItTakes() throws Exception {
        assertEquals(json("{\"error\":\"from must be an ISO-8601 instant such as 2026-03-01T10:00:00Z, was yesterday\"}"),
                get("/api/metrics?scope=PROVINCE&scopeId=ZJ&from=yesterday").body());
        assertEquals(json("{\"error\":\"from must be before to, was from 2026-03-01T10:00:00Z to 2026-03-01T10:00:00Z\"}"),
                get("/api/metrics?scope=PROVINCE&scopeId=ZJ&from=2026-03-01T10:00:00Z&to=2026-03-01T10:00:00Z").body());
        assertEquals(json("{\"error\":\"limit must be a whole number from 1 to 1000, was 1001\"}"),
                get("/api/latest?scope=ENTERPRISE&limit=1001").body());
        assertEquals(json("{\"error\":\"cursor %%% is not one this API gave out: pass the next of the previous page as it is\"}"),
                get("/api/latest?scope=ENTERPRISE&cursor=%25%25%25").body());
        assertEquals(400, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&cursor=bm90LWFuLWluc3RhbnQ").status(),
                "a cursor of another list: not-an-instant");
        assertEquals(json("{\"error\":\"unknown parameter scopeID: /api/metrics takes scope, scopeId, period, from, to, limit, cursor\"}"),
                get("/api/metrics?scope=PROVINCE&scopeID=ZJ").body());
        assertEquals(json("{\"error\":\"unknown parameter limit: /api/scopes takes none\"}"), get("/api/scopes?limit=3").body());
        assertEquals(json("{\"error\":\"parameter chain is required\"}"), get("/api/ranking?metric=availability").body());
        assertEquals(json("{\"error\":\"order must be one of top, bottom, was best\"}"),
                get("/api/ranking?chain=IC&metric=availability&order=best").body());
        String metricError = get("/api/ranking?chain=IC&metric=revision").body().path("error").asText();
        assertTrue(metricError.startsWith("metric must be one of enterprises, aboveScaleEnterprises, employees, "), metricError);
        assertTrue(metricError.endsWith(", fullyDigitizedRate, was revision"), metricError);
        assertEquals(json("{\"error\":\"windowStart must be an ISO-8601 instant such as 2026-03-01T10:00:00Z, was 10:00\"}"),
                get("/api/ranking?chain=IC&metric=availability&windowStart=10:00").body());
        assertEquals(json("{\"error\":\"no such resource: /api/nothing-here; the API's paths are in /api/openapi.json\"}"),
                get("/api/nothing-here").body());
    }

    @Test
    void anotherMethodThanGetIs405WithTheAllowedOnes() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + "/api/scopes"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
        assertEquals(json("{\"error\":\"method DELETE is not allowed: only GET and HEAD\"}"), json(response.body()));
    }
}
