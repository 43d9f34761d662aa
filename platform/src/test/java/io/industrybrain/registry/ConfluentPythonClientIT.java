package io.industrybrain.registry;

import static io.industrybrain.registry.RegistryHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.industrybrain.testkit.ConfluentPython;
import io.industrybrain.testkit.DebianPackages;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Confluent's own Python client (Debian's python3-confluent-kafka, run by /usr/bin/python3) against
 * the registry: src/test/python/confluent_client_check.py drives it and prints what it got back.
 */
class ConfluentPythonClientIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final Path SCRIPT = Path.of("src/test/python/confluent_client_check.py");

    private SchemaRegistryServer server;

    @BeforeEach
    void startRegistry() {
        DebianPackages.requireConfluentPython();
        server = new SchemaRegistryServer(kafka.bootstrapServers(), kafka.uniqueName("_schemas"), 0);
        server.start();
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    @Test
    void confluentsPythonClientRegistersReadsChecksAndSerializes() throws Exception {
        String topic = "meters";

        Map<String, String> answers = runScript(server.url(), topic);

        RegistryHttp http = new RegistryHttp(server.url());
        int firstId = http.get("/subjects/meters-value/versions/1").body().path("id").asInt();
        int serializerId = http.get("/subjects/meters-value/versions/latest").body().path("id").asInt();
        assertEquals(1, firstId);
        assertEquals(2, serializerId, "the serializer registered READING_WITH_UNIT as a second schema");
        assertEquals(String.valueOf(firstId), answers.get("registered_id"));
        assertEquals(json("{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\","
                + "\"fields\":[{\"name\":\"sensor\",\"type\":\"string\"}]}"), json(answers.get("schema_by_id")));
        assertEquals("[\"meters-value\"]", answers.get("subjects"));
        assertEquals("1", answers.get("latest_version"));
        assertEquals("1", answers.get("latest_id"));
        assertEquals("1", answers.get("lookup_version"));
        assertEquals("1", answers.get("lookup_id"));
        assertEquals("BACKWARD", answers.get("compatibility_level"));
        assertEquals("True", answers.get("compatible_with_unit"));
        assertEquals("False", answers.get("compatible_with_required"));
        // Magic byte 0, the id big-endian in 4 bytes, then Avro binary: a string is its zig-zag length
        // (7 -> 0x0e, 3 -> 0x06) and its UTF-8 bytes.
        String expectedHex = "00" + "00000002" + "0e" + hex("meter-7") + "06" + hex("kWh");
        assertEquals(expectedHex, answers.get("serialized_hex"));
        assertEquals(String.format("%08x", serializerId), answers.get("serialized_hex").substring(2, 10));
    }

    private static Map<String, String> runScript(String url, String topic) {
        String output = ConfluentPython.run(SCRIPT, List.of(url, topic));
        Map<String, String> answers = new HashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] nameAndValue = line.split("=", 2);
            assertEquals(2, nameAndValue.length, "not a name=value line: " + line + "\nin:\n" + output);
            answers.put(nameAndValue[0], nameAndValue[1]);
        }
        return answers;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
