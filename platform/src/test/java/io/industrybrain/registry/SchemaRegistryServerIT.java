package io.industrybrain.registry;

import static io.industrybrain.registry.RegistryHttp.json;
import static io.industrybrain.registry.RegistryHttp.schemaRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.industrybrain.registry.RegistryHttp.Answer;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every resource and error code of the REST API, over real HTTP, on a registry stored in a real broker. */
class SchemaRegistryServerIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final String READING_CANONICAL =
            "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":[{\"name\":\"sensor\",\"type\":\"string\"}]}";
    private static final String READING_WITH_UNIT_CANONICAL =
            "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":[{\"name\":\"sensor\",\"type\":\"string\"},"
            + "{\"name\":\"unit\",\"type\":\"string\",\"default\":\"kWh\"}]}";

    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeEach
    void startRegistryOnItsOwnTopic() {
        server = new SchemaRegistryServer(kafka.bootstrapServers(), kafka.uniqueName("_schemas"), 0);
        server.start();
        http = new RegistryHttp(server.url());
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    @Test
    void theRootAndTheSchemaTypesAnswerAsConfluentsRegistryDoes() {
        Answer root = http.get("/");
        Answer types = http.get("/schemas/types");

        assertEquals(200, root.status());
        assertEquals(json("{}"), root.body());
        assertEquals("application/vnd.schemaregistry.v1+json", root.contentType());
        assertEquals(json("[\"AVRO\"]"), types.body());
    }

    @Test
    void registeredSchemasAreFoundByIdSubjectVersionAndLookup() {
        assertEquals(json("{\"id\":1}"), register("orders-value", Schemas.READING).body());
        assertEquals(json("{\"id\":1}"), register("archive-value", Schemas.READING).body());
        assertEquals(json("{\"id\":2}"), register("orders-value", Schemas.READING_WITH_UNIT).body());
        assertEquals(json("{\"id\":1}"), register("orders-value", Schemas.READING).body(), "already version 1");

        assertEquals(json("{\"schema\":" + quoted(READING_CANONICAL) + "}"), http.get("/schemas/ids/1").body());
        assertEquals(json("[{\"subject\":\"archive-value\",\"version\":1},{\"subject\":\"orders-value\",\"version\":1}]"),
                http.get("/schemas/ids/1/versions").body());
        assertEquals(json("[\"archive-value\",\"orders-value\"]"), http.get("/schemas/ids/1/subjects").body());
        assertEquals(json("[\"archive-value\",\"orders-value\"]"), http.get("/subjects").body());
        assertEquals(json("[1,2]"), http.get("/subjects/orders-value/versions").body());
        assertEquals(versionJson("orders-value", 2, 2, READING_WITH_UNIT_CANONICAL),
                http.get("/subjects/orders-value/versions/latest").body());
        assertEquals(versionJson("orders-value", 1, 1, READING_CANONICAL),
                http.get("/subjects/orders-value/versions/1").body());
        assertEquals(json(READING_WITH_UNIT_CANONICAL), http.get("/subjects/orders-value/versions/2/schema").body());
        assertEquals(versionJson("orders-value", 2, 2, READING_WITH_UNIT_CANONICAL),
                http.post("/subjects/orders-value", schemaRequest(Schemas.READING_WITH_UNIT_REFORMATTED)).body());
    }

    @Test
    void refusalsCarryConfluentsErrorCodes() {
        register("orders-value", Schemas.READING);

        assertError(404, 40403, http.get("/schemas/ids/99"));
        assertError(404, 40401, http.get("/subjects/unknown-value/versions"));
        assertError(404, 40401, http.get("/subjects/unknown-value/versions/latest"));
        assertError(404, 40402, http.get("/subjects/orders-value/versions/2"));
        assertError(422, 42202, http.get("/subjects/orders-value/versions/0"));
        assertError(422, 42202, http.get("/subjects/orders-value/versions/first"));
        assertError(404, 40401, http.post("/subjects/unknown-value", schemaRequest(Schemas.READING)));
        assertError(404, 40403, http.post("/subjects/orders-value", schemaRequest(Schemas.SHIFT)));
        assertError(422, 42201, register("orders-value", "{\"type\":\"record\",\"name\":\"NoFields\"}"));
        assertError(422, 42201, register("orders-value", "{\"type\":\"int\",\"default\":\"x\"} trailing"));
        assertError(422, 42201, http.post("/subjects/orders-value/versions",
                "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"));
        assertError(422, 42201, http.post("/subjects/orders-value/versions",
                "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"a\",\"subject\":\"b\",\"version\":1}]}"));
        assertError(400, 400, http.post("/subjects/orders-value/versions", "{not json"));
        assertError(409, 409, register("orders-value", Schemas.READING_WITH_REQUIRED_VALUE));
        assertError(422, 42203, http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"));
        assertError(404, 404, http.get("/nowhere"));
        assertError(405, 405, http.put("/subjects", "{}"));
        assertError(415, 415, http.post("/subjects/orders-value/versions", schemaRequest(Schemas.SHIFT), "text/plain"));

        assertEquals(json("[1]"), http.get("/subjects/orders-value/versions").body(), "nothing refused was stored");
    }

    @Test
    void requestsAreReadInEveryMediaTypeAndShapeConfluentsClientsSend() {
        List<String> mediaTypes = List.of("application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                "application/json", "application/octet-stream", "application/json; charset=utf-8");

        for (String mediaType : mediaTypes) {
            Answer answer = http.post("/subjects/shifts-value/versions?normalize=true", schemaRequest(Schemas.SHIFT), mediaType);
            assertEquals(200, answer.status(), mediaType + ": " + answer.body());
            assertEquals(json("{\"id\":1}"), answer.body(), mediaType);
        }
        String shift = schemaRequest(Schemas.SHIFT);
        for (String explicitAvro : List.of(",\"schemaType\":\"AVRO\",\"references\":[]}", ",\"schemaType\":\"\"}",
                ",\"schemaType\":null,\"references\":null,\"metadata\":null}")) {
            String body = shift.substring(0, shift.length() - 1) + explicitAvro;
            assertEquals(json("{\"id\":1}"), http.post("/subjects/shifts-value/versions", body).body(), body);
        }
    }

    @Test
    void backwardRefusesANewRequiredFieldAndAcceptsAnOptionalOne() {
        register("orders-value", Schemas.READING);

        Answer required = register("orders-value", Schemas.READING_WITH_REQUIRED_VALUE);
        Answer optional = register("orders-value", Schemas.READING_WITH_UNIT);

        assertError(409, 409, required);
        assertTrue(required.body().path("message").asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
                required.body().toString());
        assertEquals(json("{\"id\":2}"), optional.body(), "the refused schema took no id");
    }

    @Test
    void levelNoneAcceptsAnything() {
        register("orders-value", Schemas.READING);

        assertEquals(json("{\"compatibility\":\"NONE\"}"), http.put("/config/orders-value", "{\"compatibility\":\"NONE\"}").body());
        assertEquals(json("{\"id\":2}"), register("orders-value", Schemas.READING_WITH_NUMERIC_SENSOR).body());
        assertEquals(json("{\"id\":3}"), register("orders-value", Schemas.READING_WITH_REQUIRED_VALUE).body());
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() {
        assertEquals(json("{\"compatibilityLevel\":\"BACKWARD\"}"), http.get("/config").body());
        assertEquals(json("{\"compatibility\":\"FULL\"}"), http.put("/config", "{\"compatibility\":\"FULL\"}").body());
        assertEquals(json("{\"compatibilityLevel\":\"FULL\"}"), http.get("/config").body());

        assertError(404, 40408, http.get("/config/orders-value"));
        assertEquals(json("{\"compatibilityLevel\":\"FULL\"}"), http.get("/config/orders-value?defaultToGlobal=true").body());
        assertEquals(json("{\"compatibility\":\"FORWARD_TRANSITIVE\"}"),
                http.put("/config/orders-value", "{\"compatibility\":\"forward_transitive\"}").body());
        assertEquals(json("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}"), http.get("/config/orders-value").body());
        assertError(422, 42203, http.put("/config/orders-value", "{\"compatibility\":\"\"}"));

        assertEquals(json("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}"), http.delete("/config/orders-value").body());
        assertError(404, 40408, http.get("/config/orders-value"));
        assertError(404, 40401, http.delete("/config/orders-value"));
    }

    @Test
    void compatibilityCanBeTestedWithoutRegistering() {
        register("orders-value", Schemas.READING);
        String required = schemaRequest(Schemas.READING_WITH_REQUIRED_VALUE);

        assertEquals(json("{\"is_compatible\":false}"),
                http.post("/compatibility/subjects/orders-value/versions/latest", required).body());
        Answer verbose = http.post("/compatibility/subjects/orders-value/versions/1?verbose=true", required);
        assertFalse(verbose.body().path("is_compatible").asBoolean(true));
        assertEquals(1, verbose.body().path("messages").size(), verbose.body().toString());
        assertTrue(verbose.body().path("messages").get(0).asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
        assertEquals(json("{\"is_compatible\":true}"), http.post("/compatibility/subjects/orders-value/versions/latest",
                schemaRequest(Schemas.READING_WITH_UNIT)).body());
        assertEquals(json("{\"is_compatible\":false}"),
                http.post("/compatibility/subjects/orders-value/versions", required).body());
        assertEquals(json("{\"is_compatible\":true}"),
                http.post("/compatibility/subjects/new-value/versions/latest", required).body());
        assertError(404, 40401, http.post("/compatibility/subjects/new-value/versions/1", required));
        assertError(404, 40402, http.post("/compatibility/subjects/orders-value/versions/7", required));
        assertError(422, 42201, http.post("/compatibility/subjects/orders-value/versions/latest", schemaRequest("{")));
        assertEquals(json("[1]"), http.get("/subjects/orders-value/versions").body(), "testing registered nothing");
    }

    @Test
    void softDeletedVersionsHideButTheirIdsStillResolve() {
        register("orders-value", Schemas.READING);
        register("orders-value", Schemas.READING_WITH_UNIT);

        assertEquals(json("1"), http.delete("/subjects/orders-value/versions/1").body());
        assertEquals(json("[2]"), http.get("/subjects/orders-value/versions").body());
        assertEquals(json("[1,2]"), http.get("/subjects/orders-value/versions?deleted=true").body());
        assertError(404, 40402, http.get("/subjects/orders-value/versions/1"));
        assertEquals(versionJson("orders-value", 1, 1, READING_CANONICAL),
                http.get("/subjects/orders-value/versions/1?deleted=true").body());
        assertError(404, 40403, http.post("/subjects/orders-value", schemaRequest(Schemas.READING)));
        assertEquals(200, http.get("/schemas/ids/1").status());
        assertError(404, 40406, http.delete("/subjects/orders-value/versions/1"));

        assertEquals(json("[2]"), http.delete("/subjects/orders-value").body());
        assertEquals(json("[]"), http.get("/subjects").body());
        assertEquals(json("[\"orders-value\"]"), http.get("/subjects?deleted=true").body());
        assertError(404, 40401, http.get("/subjects/orders-value/versions"));
        assertError(404, 40404, http.delete("/subjects/orders-value"));
        assertEquals(json("{\"schema\":" + quoted(READING_WITH_UNIT_CANONICAL) + "}"), http.get("/schemas/ids/2").body());
    }

    @Test
    void permanentDeletesNeedASoftDeleteFirst() {
        register("orders-value", Schemas.READING);
        register("orders-value", Schemas.READING_WITH_UNIT);

        assertError(404, 40405, http.delete("/subjects/orders-value?permanent=true"));
        assertError(404, 40407, http.delete("/subjects/orders-value/versions/2?permanent=true"));
        http.delete("/subjects/orders-value");
        assertEquals(json("2"), http.delete("/subjects/orders-value/versions/2?permanent=true").body());
        assertEquals(json("[1]"), http.delete("/subjects/orders-value?permanent=true").body());

        assertError(404, 40403, http.get("/schemas/ids/1"));
        assertEquals(json("[]"), http.get("/subjects?deleted=true").body());
        assertError(404, 40401, http.delete("/subjects/orders-value"));
    }

    @Test
    void subjectNamesMayHoldAnyCharacter() {
        String subject = "plant 7/line:3+α";
        String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");

        assertEquals(json("{\"id\":1}"), http.post(path + "/versions", schemaRequest(Schemas.SHIFT)).body());
        assertEquals(1, http.get(path + "/versions/latest").body().path("id").asInt());
        assertEquals(json("[" + quoted(subject) + "]"), http.get("/subjects").body());
    }

    @Test
    void theProductsOwnClientWorksAgainstIt() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
        Schema reading = new Schema.Parser().parse(Schemas.READING);

        int id = client.register("readings-value", reading);

        assertEquals(1, id);
        assertEquals(1, client.idOf("readings-value", reading));
        assertEquals(reading, client.schemaById(1));
    }

    private Answer register(String subject, String schema) {
        return http.post("/subjects/" + subject + "/versions", schemaRequest(schema));
    }

    private static void assertError(int status, int errorCode, Answer answer) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(errorCode, answer.errorCode(), answer.body().toString());
        assertFalse(answer.body().path("message").asText().isBlank(), answer.body().toString());
        assertEquals("application/vnd.schemaregistry.v1+json", answer.contentType());
    }

    private static JsonNode versionJson(String subject, int version, int id, String schema) {
        return json("{\"subject\":" + quoted(subject) + ",\"version\":" + version + ",\"id\":" + id
                + ",\"schema\":" + quoted(schema) + "}");
    }

    private static String quoted(String text) {
        return RegistryHttp.JSON.getNodeFactory().textNode(text).toString();
    }
}
