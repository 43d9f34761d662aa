package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static io.industrybrain.app.BrainTestSupport.awaitHealthy;
import static io.industrybrain.app.BrainTestSupport.embedded;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.httpGet;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.app.query.OpenApiDocument;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/openapi.json} against the real app's answers: the app on its embedded broker and registry, four
 * enterprises of two chains with a batch each, then every documented path called with every documented parameter,
 * each answer validated against the document's schema of its status; bad parameters and unknown things answered
 * with the documented error body; and the ranking's order as worked out by hand.
 */
class OpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String W10 = "2026-11-01T10:00:00Z";
    private static final String W11 = "2026-11-01T11:00:00Z";

    @TempDir
    Path dataDir;

    /** Value added of each enterprise's one batch at 10:20; E1 to E3 of IC, E4 of SW. */
    private static final Map<String, Double> ADDED = Map.of("E1", 30_000.0, "E2", 20_000.0, "E3", 5_000.0, "E4", 40_000.0);

    @Test
    void everyDocumentedPathAnswersAsDocumentedAndNothingElseAnswers() throws Exception {
        BrainSettings settings = embedded(dataDir);
        TopicNames topics = settings.topics();
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            awaitHealthy(app);
            AvroSerializer<SpecificRecordBase> serializer = new AvroSerializer<>(app.registryClient(), true);
            List<ProducerRecord<String, SpecificRecordBase>> reference = new ArrayList<>();
            ADDED.keySet().forEach(id -> reference.add(new ProducerRecord<>(topics.enterprises(), id,
                    Events.enterprise(id, id.equals("E4") ? "SW" : "IC", "HZ", true, 100))));
            reference.add(new ProducerRecord<>(topics.targets(), "PROVINCE:ZJ:fullyDigitizedRate",
                    new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, LocalDate.parse("2025-12-31"), null, null)));
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), serializer, reference);
            awaitEnterprisesKnown(app, topics, 4);
            List<ProducerRecord<String, SpecificRecordBase>> batches = new ArrayList<>();
            ADDED.forEach((id, added) -> batches.add(new ProducerRecord<>(topics.production(), id,
                    Events.batch("B-" + id, id, Instant.parse("2026-11-01T10:20:00Z"), 3 * added, added))));
            batches.add(new ProducerRecord<>(topics.shifts(), "E1", Events.shift("S-E1", "E1", Instant.parse("2026-11-01T10:30:00Z"), 10, 8)));
            KafkaRecords.produce(app.bootstrapServers(), new StringSerializer(), serializer, batches);
            String api = app.httpUrl();
            await().alias("the IC ranking and the roll-ups in the view").atMost(TIMEOUT).until(() ->
                    getJson(api + "/api/ranking?chain=IC&metric=addedValueCny").path("ranked").asInt() == 3
                            && getJson(api + "/api/latest?scope=INDUSTRY_CHAIN&scopeId=IC").path("records").path(0).path("enterprises").asInt() == 3
                            && httpGet(api + "/api/metrics?scope=PROVINCE&scopeId=ZJ").statusCode() == 200
                            && getJson(api + "/api/targets").size() == 1);

            OpenApiDocument openApi = new OpenApiDocument(JSON.readTree(httpGet(api + "/api/openapi.json").body()));
            assertEquals(OpenApiDocument.packaged().json(), openApi.json(), "the packaged document is the one served");
            String secondEnterprise = getJson(api + "/api/latest?scope=ENTERPRISE&limit=1").path("next").asText();

            // Given one or more calls per path that together use every documented parameter
            Map<String, List<String>> calls = new LinkedHashMap<>();
            calls.put("/api/scopes", List.of(""));
            // no window of this test closes, so there are no period records: period=WINDOW, the default, is asked for by name
            calls.put("/api/metrics", List.of("scope=PROVINCE&scopeId=ZJ&period=WINDOW",
                    "scope=INDUSTRY_CHAIN&scopeId=IC&from=" + W10 + "&to=" + W11 + "&limit=1",
                    "scope=ENTERPRISE&scopeId=E1&limit=1&cursor=" + getJson(api + "/api/metrics?scope=ENTERPRISE&scopeId=E1&limit=1")
                            .path("next").asText("")));
            calls.put("/api/latest", List.of("scope=REGION&period=WINDOW", "scope=ENTERPRISE&limit=2&cursor=" + secondEnterprise,
                    "scope=ENTERPRISE&scopeId=E4"));
            calls.put("/api/ranking", List.of("chain=IC&metric=addedValueCny&order=bottom&limit=2&windowStart=" + W10,
                    "chain=IC&metric=laborProductivityPerWorkerHour"));
            calls.put("/api/outcomes", List.of(""));
            calls.put("/api/targets", List.of(""));
            calls.put("/api/openapi.json", List.of(""));
            assertEquals(openApi.paths(), calls.keySet(), "every documented path is called");

            // Then each answers 200 with a body its schema allows
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> path : calls.entrySet()) {
                Set<String> used = new LinkedHashSet<>();
                for (String query : path.getValue()) {
                    String call = path.getKey() + (query.isEmpty() ? "" : "?" + query);
                    HttpResponse<String> response = httpGet(api + call);
                    assertEquals(200, response.statusCode(), call + ": " + response.body());
                    assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow(), call);
                    JsonNode body = JSON.readTree(response.body());
                    assertEquals(List.of(), openApi.problems(body, openApi.responseSchema(path.getKey(), 200)), call);
                    answers.put(call, body);
                    used.addAll(parameterNames(query));
                }
                assertEquals(new LinkedHashSet<>(openApi.parameters(path.getKey())), used, path.getKey() + ": every parameter is used");
            }

            // and the answers hold the data published, ranked as worked out by hand
            JsonNode bottom = answers.get("/api/ranking?" + calls.get("/api/ranking").get(0));
            assertEquals(List.of("1 E3 5000.0", "2 E2 20000.0"), places(bottom));
            assertEquals(List.of(3, 0, W11), List.of(bottom.path("ranked").asInt(), bottom.path("withoutValue").asInt(),
                    bottom.path("windowEnd").asText()));
            // only E1 reported a shift: 30,000 CNY / 80 worker-hours; the others have no value and come last
            JsonNode productivity = answers.get("/api/ranking?" + calls.get("/api/ranking").get(1));
            assertEquals(List.of("1 E1 375.0", "2 E2 null", "3 E3 null"), places(productivity));
            assertEquals(2, productivity.path("withoutValue").asInt());
            JsonNode page = answers.get("/api/latest?" + calls.get("/api/latest").get(1));
            assertEquals(List.of("E2", "E3"), List.of(page.path("records").get(0).path("scopeId").asText(),
                    page.path("records").get(1).path("scopeId").asText()));
            assertTrue(!page.path("next").isNull(), "E4 is on the next page");
            assertEquals(55_000.0, answers.get("/api/metrics?" + calls.get("/api/metrics").get(1)).path("records").get(0)
                    .path("addedValueCny").asDouble(), 1e-9, "IC: 30,000 + 20,000 + 5,000");

            // and what is wrong is answered with the documented error body
            List<String> wrong = List.of(
                    "/api/scopes?scope=PROVINCE 400",
                    "/api/metrics?scope=PROVINCE 400",
                    "/api/metrics?scope=PROVINCE&scopeId=ZJ&to=noon 400",
                    "/api/metrics?scope=REGION&scopeId=Atlantis 404",
                    "/api/latest?scope=COUNTY 400",
                    "/api/latest?scope=ENTERPRISE&scopeId=E404 404",
                    "/api/ranking?chain=IC&metric=size 400",
                    "/api/ranking?chain=XX&metric=availability 404",
                    "/api/ranking?chain=IC&metric=availability&windowStart=2026-11-01T09:00:00Z 404",
                    "/api/outcomes?topic=brain.telemetry 400",
                    "/api/targets?scope=PROVINCE 400",
                    "/api/openapi.json?v=2 400");
            for (String call : wrong) {
                String path = call.substring(0, call.indexOf('?'));
                int status = Integer.parseInt(call.substring(call.indexOf(' ') + 1));
                HttpResponse<String> response = httpGet(api + call.substring(0, call.indexOf(' ')));
                assertEquals(status, response.statusCode(), call + ": " + response.body());
                assertEquals(List.of(), openApi.problems(JSON.readTree(response.body()), openApi.responseSchema(path, status)), call);
            }
            // and a path not documented is not answered
            for (String undocumented : List.of("/api/", "/api/enterprises", "/api/metrics/", "/api/openapi.yaml")) {
                HttpResponse<String> response = httpGet(api + undocumented);
                assertEquals(404, response.statusCode(), undocumented);
                assertEquals(List.of(), openApi.problems(JSON.readTree(response.body()), openApi.schema("Error")), undocumented);
            }
        }
    }

    private static List<String> parameterNames(String query) {
        List<String> names = new ArrayList<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                names.add(URLDecoder.decode(pair.substring(0, pair.indexOf('=')), StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    private static List<String> places(JsonNode ranking) {
        List<String> places = new ArrayList<>();
        ranking.path("enterprises").forEach(e -> places.add(e.path("rank").asInt() + " " + e.path("enterpriseId").asText() + " "
                + (e.path("value").isNull() ? "null" : e.path("value").asDouble())));
        return places;
    }
}
