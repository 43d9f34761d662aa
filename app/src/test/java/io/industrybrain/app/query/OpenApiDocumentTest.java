package io.industrybrain.app.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.IndicatorFields;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.topics.TopicNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.industrybrain.serde.InMemorySchemaRegistry;
import java.util.TreeSet;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description against what it describes: the paths and parameters QueryApi answers, the Avro schema of
 * MetricRecord, the scopes and indicators; and its validator against answers known to be right or wrong.
 * OpenApiIT checks it against the real app's answers.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiDocument openApi = OpenApiDocument.packaged();

    @Test
    void everyPathQueryApiAnswersIsDocumentedWithItsParametersAndNoOther() {
        QueryApi api = new QueryApi(new MetricsView(), new InMemoryPeriodRecords(new InMemorySchemaRegistry(), new TopicNames("")).history(),
                new EnterpriseDirectory(),
                new ClusterOutcomes("industry-brain", new OutcomeCounters(), new TopicNames("")));
        Map<String, List<String>> documented = new LinkedHashMap<>();
        api.paths().keySet().forEach(path -> documented.put(path, openApi.parameters(path)));

        assertEquals(new TreeSet<>(api.paths().keySet()), openApi.paths());
        assertEquals(api.paths(), documented);
    }

    @Test
    void everyErrorResponseIsTheErrorBody() {
        for (String path : openApi.paths()) {
            for (String status : openApi.statuses(path)) {
                if (status.startsWith("4")) {
                    assertEquals(openApi.schema("Error"), openApi.responseSchema(path, Integer.parseInt(status)), path + " " + status);
                }
            }
            assertTrue(openApi.statuses(path).contains("400"), path + ": every path refuses a parameter it does not take");
        }
    }

    @Test
    void everyPathAsksForTheBearerTokenAndDocumentsItsRefusal() {
        JsonNode scheme = openApi.json().path("components").path("securitySchemes").path("bearerToken");
        assertEquals(List.of("http", "bearer"), List.of(scheme.path("type").asText(), scheme.path("scheme").asText()));
        assertEquals("[{\"bearerToken\":[]}]", openApi.json().path("security").toString(), "the whole API, no path excepted");
        for (String path : openApi.paths()) {
            assertTrue(openApi.json().path("paths").path(path).path("get").path("security").isMissingNode(), path + " overrides no security");
            assertEquals(openApi.schema("Error"), openApi.responseSchema(path, 401), path);
        }
    }

    @Test
    void theRecordIsTheAvroSchemasFieldsEachWithItsTypeAndWhetherItCanBeNull() {
        Map<String, String> avro = new LinkedHashMap<>();
        for (Schema.Field field : MetricRecord.getClassSchema().getFields()) {
            avro.put(field.name(), jsonType(field.schema()));
        }
        Map<String, String> documented = new LinkedHashMap<>();
        JsonNode properties = openApi.schema("MetricRecord").path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode property = properties.get(name);
            documented.put(name, property.has("$ref") ? property.get("$ref").asText()
                    : property.path("type") + (property.has("format") ? " " + property.get("format").asText() : ""));
        });
        List<String> required = new ArrayList<>();
        openApi.schema("MetricRecord").path("required").forEach(name -> required.add(name.asText()));

        assertEquals(avro, documented);
        assertEquals(new ArrayList<>(avro.keySet()), required, "the API writes every field, null or not");
    }

    /** The JSON type MetricRecordJson writes for an Avro type, in the document's notation. */
    private static String jsonType(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            Schema value = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            String type = jsonType(value);
            int format = type.indexOf(' ');
            return format < 0 ? "[" + type + ",\"null\"]" : "[" + type.substring(0, format) + ",\"null\"]" + type.substring(format);
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return "\"string\" date-time";
        }
        return switch (schema.getType()) {
            case ENUM -> "#/components/schemas/" + schema.getName();
            case STRING -> "\"string\"";
            case LONG, INT -> "\"integer\"";
            case DOUBLE -> "\"number\"";
            case BOOLEAN -> "\"boolean\"";
            case MAP -> "\"object\"";
            default -> throw new AssertionError("no JSON form for " + schema);
        };
    }

    @Test
    void theScopesAndIndicatorsAreTheSchemasOwn() {
        List<String> scopes = new ArrayList<>();
        openApi.schema("Scope").path("enum").forEach(s -> scopes.add(s.asText()));
        List<String> indicators = new ArrayList<>();
        openApi.schema("Indicator").path("enum").forEach(s -> indicators.add(s.asText()));

        assertEquals(Arrays.stream(Scope.values()).map(Enum::name).toList(), scopes);
        assertEquals(IndicatorFields.ALL, indicators);
    }

    @Test
    void theValidatorRefusesWhatTheSchemaDoesNotAllow() throws Exception {
        JsonNode ranked = openApi.schema("RankedEnterprise");
        String valid = """
                {"rank":1,"enterpriseId":"E1","name":"N","region":"HZ","value":null,"final":true,"revision":3}""";

        assertEquals(List.of(), openApi.problems(JSON.readTree(valid), ranked));
        assertEquals(List.of("$.rank: 0 is below 1"), openApi.problems(JSON.readTree(valid.replace("\"rank\":1", "\"rank\":0")), ranked));
        assertEquals(List.of("$.revision: 3.5 is not of type [integer]"),
                openApi.problems(JSON.readTree(valid.replace("\"revision\":3", "\"revision\":3.5")), ranked));
        assertEquals(List.of("$.final: null is not of type [boolean]"),
                openApi.problems(JSON.readTree(valid.replace("\"final\":true", "\"final\":null")), ranked));
        assertEquals(List.of("$: lacks region", "$.city: not documented"),
                openApi.problems(JSON.readTree(valid.replace("\"region\"", "\"city\"")), ranked));
        List<String> record = openApi.problems(JSON.readTree("{\"scope\":\"REGION\",\"records\":[{\"scope\":\"COUNTY\"}],\"next\":null}"),
                openApi.schema("LatestPage"));
        assertTrue(record.containsAll(List.of("$.records[0]: lacks scopeId",
                "$.records[0].scope: \"COUNTY\" is not one of [\"ENTERPRISE\",\"INDUSTRY_CHAIN\",\"REGION\",\"PROVINCE\"]")), record::toString);
        assertEquals(List.of("$.windowStart: 10:00 is not a date-time"), openApi.problems(JSON.readTree("""
                {"chain":"IC","metric":"availability","order":"top","windowStart":"10:00","windowEnd":"2026-03-01T11:00:00Z",
                 "ranked":0,"withoutValue":0,"enterprises":[]}"""), openApi.schema("Ranking")));
        assertEquals(List.of("$.topics.t.inFlight: -1 is below 0"), openApi.problems(JSON.readTree("""
                {"ledgerCurrent":true,"topics":{"t":{"consumed":0,"accepted":0,"duplicates":0,
                 "deadLettered":{"DESERIALIZATION":0,"INVALID":0,"UNKNOWN_ENTERPRISE":0,"LATE":0},"ignored":{},"inFlight":-1,
                 "balanced":true}}}"""), openApi.schema("Outcomes")));
    }
}
