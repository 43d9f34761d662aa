package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the deserializer makes of a registry's answers, from a JDK HTTP server: garbage, a hang and a wrong URL are the
 * registry's trouble ({@link SchemaRegistryException}, the task retries), only the registry's own "no such id" is the
 * record's ({@link UnknownSchemaIdException}, dead-lettered).
 */
class RegistryGarbageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Schema id 7 and one byte of body: whatever the registry says decides the record's fate. */
    private static final byte[] RECORD = {WireFormat.MAGIC_BYTE, 0, 0, 0, 7, 0};

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anHtmlErrorPageIsTheRegistrysTrouble() {
        answering(500, "<html><body><h1>502 Bad Gateway</h1></body></html>");

        SchemaRegistryException trouble = assertThrows(SchemaRegistryException.class, this::deserialize);

        assertEquals(SchemaRegistryException.NO_ANSWER, trouble.errorCode());
        assertTrue(trouble.getMessage().endsWith("/schemas/ids/7 answered HTTP 500 with a body that is not JSON"), trouble.getMessage());
    }

    @Test
    void halfAJsonAnswerIsTheRegistrysTrouble() {
        answering(200, "{\"schema\":\"{\\\"type\\\":\\\"rec");

        assertEquals(SchemaRegistryException.NO_ANSWER, assertThrows(SchemaRegistryException.class, this::deserialize).errorCode());
    }

    @Test
    void anAnswerWithoutASchemaIsTheRegistrysTroubleNotAnUndecodableRecord() {
        answering(200, "{}");

        SchemaRegistryException trouble = assertThrows(SchemaRegistryException.class, this::deserialize);

        assertEquals("the registry's answer for schema id 7 has no schema: {}", trouble.getMessage());
    }

    @Test
    void aNotFoundPageThatIsNotTheRegistrysIsAWrongUrlNotAnUnknownId() {
        answering(404, "<html><body>Not Found</body></html>");

        assertEquals(SchemaRegistryException.NO_ANSWER, assertThrows(SchemaRegistryException.class, this::deserialize).errorCode());
    }

    @Test
    void theRegistrysOwnNotFoundIsAnUnknownSchemaIdOfTheRecord() {
        answering(404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");

        assertEquals(7, assertThrows(UnknownSchemaIdException.class, this::deserialize).schemaId());
    }

    @Test
    void aRegistryThatStopsMidAnswerIsGivenUpOnAfterTheTimeout() {
        start(exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"schema\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            sleep(Duration.ofSeconds(30));
        });
        long started = System.nanoTime();

        SchemaRegistryException trouble = assertThrows(SchemaRegistryException.class, this::deserialize);

        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(tookMillis >= TIMEOUT.toMillis() && tookMillis < 5_000, "gave up after " + tookMillis + " ms");
        assertTrue(trouble.getMessage().endsWith("cannot be reached: no whole answer within 500 ms"), trouble.getMessage());
    }

    @Test
    void aRegistryThatNeverAnswersIsGivenUpOnAfterTheTimeout() {
        start(exchange -> sleep(Duration.ofSeconds(30)));

        SchemaRegistryException trouble = assertThrows(SchemaRegistryException.class, this::deserialize);

        assertEquals(SchemaRegistryException.NO_ANSWER, trouble.errorCode());
    }

    private GenericRecord deserialize() {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient("http://localhost:" + server.getAddress().getPort(),
                RegistryAccess.NONE, TIMEOUT);
        return new AvroDeserializer<GenericRecord>(registry, null).deserialize("telemetry", RECORD);
    }

    private void answering(int status, String body) {
        start(exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void start(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", handler::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
