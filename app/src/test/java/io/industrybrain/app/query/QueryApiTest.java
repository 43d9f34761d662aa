package io.industrybrain.app.query;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
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
import java.util.List;
import java.util.Map;
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
    private HttpApi http;

    @BeforeEach
    void start() throws IOException {
        http = new HttpApi(0);
        new QueryApi(view, outcomes).register(http);
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
                 "emittedAt":"2026-03-01T11:10:00.250Z","lastIngestTime":"2026-03-01T10:59:01Z"}"""), closed);

        assertEquals(1, get("/api/metrics?scope=PROVINCE&scopeId=ZJ&limit=1").body().path("records").size());
        assertEquals(2, get("/api/metrics?scope=PROVINCE&scopeId=ZJ").body().path("records").size(), "default limit 24");
    }

    @Test
    void latestIsOneRecordPerScopeIdAndEnterprisesOnlyOneAtATime() throws Exception {
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

        Answer withoutId = get("/api/latest?scope=ENTERPRISE");
        assertEquals(400, withoutId.status());
        assertEquals("scope ENTERPRISE needs a scopeId: one record per enterprise is too many to list", withoutId.body().path("error").asText());
    }

    @Test
    void badParametersAre400AndUnknownIds404() throws Exception {
        assertEquals(json("{\"error\":\"parameter scope is required\"}"), get("/api/metrics?scopeId=ZJ").body());
        assertEquals(400, get("/api/metrics?scopeId=ZJ").status());
        assertEquals(json("{\"error\":\"scope must be one of ENTERPRISE, INDUSTRY_CHAIN, REGION, PROVINCE, was COUNTY\"}"),
                get("/api/latest?scope=COUNTY").body());
        assertEquals(json("{\"error\":\"parameter scopeId is required\"}"), get("/api/metrics?scope=PROVINCE").body());
        assertEquals(json("{\"error\":\"limit must be a whole number of at least 1, was 0\"}"),
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
        view.target("PROVINCE:ZJ", new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, LocalDate.parse("2025-12-31")));
        view.target("REGION:HZ", new MetricTarget(Scope.REGION, "HZ", "cloudAdoptionRate", 0.9, null));

        assertEquals(json("""
                [{"scope":"PROVINCE","scopeId":"ZJ","metric":"fullyDigitizedRate","target":0.8,"dueDate":"2025-12-31"},
                 {"scope":"REGION","scopeId":"HZ","metric":"cloudAdoptionRate","target":0.9,"dueDate":null}]"""),
                get("/api/targets").body());
    }
}
