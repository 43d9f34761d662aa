package io.industrybrain.registry;

import static io.industrybrain.registry.RegistryHttp.json;
import static io.industrybrain.registry.RegistryHttp.schemaRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.industrybrain.registry.RegistryHttp.Answer;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry's state lives in its topic: restarts keep it, and instances sharing the topic agree. */
class SchemaRegistryStorageIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final int SCHEMAS_PER_INSTANCE = 8;

    private final List<SchemaRegistryServer> servers = new ArrayList<>();
    private final String topic = kafka.uniqueName("_schemas");

    @AfterEach
    void stopRegistries() {
        servers.forEach(SchemaRegistryServer::close);
    }

    @Test
    void aRestartedRegistryHasTheSameIdsVersionsAndLevels() {
        RegistryHttp first = start();
        register(first, "orders-value", Schemas.READING);
        register(first, "shifts-value", Schemas.SHIFT);
        register(first, "orders-value", Schemas.READING_WITH_UNIT);
        first.put("/config/orders-value", "{\"compatibility\":\"FULL\"}");
        first.delete("/subjects/orders-value/versions/1");
        servers.get(0).close();

        RegistryHttp restarted = start();

        // GET /subjects never waits for the topic: it shows that start() returned caught up.
        assertEquals(json("[\"orders-value\",\"shifts-value\"]"), restarted.get("/subjects").body());
        assertEquals(json("[2]"), restarted.get("/subjects/orders-value/versions").body());
        assertEquals(3, restarted.get("/subjects/orders-value/versions/latest").body().path("id").asInt());
        assertEquals(2, restarted.get("/subjects/shifts-value/versions/1").body().path("id").asInt());
        assertEquals(json("{\"compatibilityLevel\":\"FULL\"}"), restarted.get("/config/orders-value").body());
        assertEquals("Reading", json(restarted.get("/schemas/ids/1").body().path("schema").asText()).path("name").asText());
        assertEquals(1, register(restarted, "orders-value", Schemas.READING), "a soft-deleted schema keeps its id");
        assertEquals(json("[2,3]"), restarted.get("/subjects/orders-value/versions").body());
        assertEquals(4, register(restarted, "other-value", record("Other")), "ids go on after the highest");
    }

    @Test
    void aSecondInstanceOnTheTopicReadsWhatTheFirstWrote() {
        RegistryHttp a = start();
        RegistryHttp b = start();

        assertEquals(1, register(a, "orders-value", Schemas.READING));
        a.put("/config/orders-value", "{\"compatibility\":\"NONE\"}");

        // No waiting: a read that would answer "not found" first catches up with the topic.
        assertEquals(a.get("/schemas/ids/1").body(), b.get("/schemas/ids/1").body());
        assertEquals(1, b.get("/subjects/orders-value/versions/latest").body().path("id").asInt());
        assertEquals(json("{\"compatibilityLevel\":\"NONE\"}"), b.get("/config/orders-value").body());
        assertEquals(1, register(b, "archive-value", Schemas.READING));
        assertEquals(2, register(b, "orders-value", Schemas.READING_WITH_NUMERIC_SENSOR), "B checks with A's level");
        assertEquals(2, a.get("/subjects/orders-value/versions/2").body().path("id").asInt());
    }

    @Test
    void instancesRegisteringDifferentSchemasAtOnceNeverShareAnId() throws Exception {
        RegistryHttp a = start();
        RegistryHttp b = start();
        a.put("/config/contested-value", "{\"compatibility\":\"NONE\"}");

        // Both write into one subject (racing for version numbers) and into subjects of their own.
        Map<String, Integer> idsFromA = new HashMap<>();
        Map<String, Integer> idsFromB = new HashMap<>();
        runTogether(
                () -> registerEach(a, "A", idsFromA),
                () -> registerEach(b, "B", idsFromB));

        Set<Integer> ids = new HashSet<>(idsFromA.values());
        ids.addAll(idsFromB.values());
        Set<Integer> expected = IntStream.rangeClosed(1, 2 * SCHEMAS_PER_INSTANCE).boxed().collect(Collectors.toSet());
        assertEquals(expected, ids, "every schema its own id, none skipped: " + idsFromA + " " + idsFromB);
        assertEquals(expected.stream().sorted().toList(), versions(a, "contested-value"));
        for (int id : expected) {
            assertEquals(a.get("/schemas/ids/" + id).body(), b.get("/schemas/ids/" + id).body(), "id " + id);
        }
        for (Map.Entry<String, Integer> registered : idsFromA.entrySet()) {
            Answer lookup = b.post("/subjects/contested-value", schemaRequest(record(registered.getKey())));
            assertEquals(registered.getValue(), lookup.body().path("id").asInt(), registered.getKey());
        }
    }

    @Test
    void instancesRegisteringTheSameSchemaAtOnceAgreeOnOneId() throws Exception {
        RegistryHttp a = start();
        RegistryHttp b = start();
        a.put("/config/shared-value", "{\"compatibility\":\"NONE\"}");

        Map<String, Integer> idsFromA = new HashMap<>();
        Map<String, Integer> idsFromB = new HashMap<>();
        runTogether(
                () -> registerSame(a, "a-value", idsFromA),
                () -> registerSame(b, "b-value", idsFromB));

        assertEquals(idsFromA, idsFromB);
        assertEquals(SCHEMAS_PER_INSTANCE, new HashSet<>(idsFromA.values()).size());
        assertEquals(IntStream.rangeClosed(1, SCHEMAS_PER_INSTANCE).boxed().toList(), versions(b, "shared-value"),
                "one version per schema in the subject both wrote to");
    }

    @Test
    void aTakenPortIsNamedInTheError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SchemaRegistryServer server = new SchemaRegistryServer(kafka.bootstrapServers(), topic, taken.getLocalPort());
            servers.add(server);

            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);

            assertTrue(refused.getMessage().contains("port " + taken.getLocalPort() + " is already in use"),
                    refused.getMessage());
        }
    }

    @Test
    void aTopicWithSeveralPartitionsIsRefused() {
        kafka.createTopic(topic, 3);
        SchemaRegistryServer server = new SchemaRegistryServer(kafka.bootstrapServers(), topic, 0);
        servers.add(server);

        IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);

        assertTrue(refused.getMessage().contains("has 3 partitions"), refused.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndAnUnstartedServerHasNoUrl() {
        SchemaRegistryServer server = new SchemaRegistryServer(kafka.bootstrapServers(), topic, 0);

        assertThrows(IllegalStateException.class, server::url);
        server.start();
        server.close();
        server.close();
        assertThrows(IllegalStateException.class, server::start);
    }

    private RegistryHttp start() {
        SchemaRegistryServer server = new SchemaRegistryServer(kafka.bootstrapServers(), topic, 0);
        servers.add(server);
        server.start();
        return new RegistryHttp(server.url());
    }

    /** Registers this instance's schemas in the shared subject and in one of its own. */
    private static Void registerEach(RegistryHttp instance, String tag, Map<String, Integer> ids) {
        for (int i = 0; i < SCHEMAS_PER_INSTANCE; i++) {
            String name = tag + i;
            int id = register(instance, "contested-value", record(name));
            assertEquals(id, register(instance, tag + "-value-" + i, record(name)), name);
            ids.put(name, id);
        }
        return null;
    }

    /** Registers the schemas both instances register, in the shared subject and in subjects of its own. */
    private static Void registerSame(RegistryHttp instance, String ownSubject, Map<String, Integer> ids) {
        for (int i = 0; i < SCHEMAS_PER_INSTANCE; i++) {
            String name = "Same" + i;
            int id = register(instance, "shared-value", record(name));
            assertEquals(id, register(instance, ownSubject + "-" + i, record(name)), name);
            ids.put(name, id);
        }
        return null;
    }

    private static void runTogether(Callable<Void> first, Callable<Void> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> work : List.of(first, second)) {
                done.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            for (Future<Void> each : done) {
                each.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static int register(RegistryHttp instance, String subject, String schema) {
        Answer answer = instance.post("/subjects/" + subject + "/versions", schemaRequest(schema));
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body().path("id").asInt();
    }

    private static List<Integer> versions(RegistryHttp instance, String subject) {
        List<Integer> versions = new ArrayList<>();
        instance.get("/subjects/" + subject + "/versions").body().forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    private static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    }
}
