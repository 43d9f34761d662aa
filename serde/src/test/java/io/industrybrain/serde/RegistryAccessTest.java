package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against real HTTP servers of the JDK's: basic credentials on every request, TLS with a trust store. */
class RegistryAccessTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
    private static final String STORE_PASSWORD = "st0re-pw";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers like a registry, but only to {@code brain:r3g1stry}: 401 otherwise, as Confluent's does. */
    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        exchange.getRequestBody().readAllBytes();
        boolean allowed = "Basic YnJhaW46cjNnMXN0cnk=".equals(authorization);
        String path = exchange.getRequestURI().getPath();
        String body = !allowed ? "{\"error_code\":401,\"message\":\"Unauthorized\"}"
                : path.equals("/subjects") ? "[]"
                : path.equals("/schemas/ids/5") ? "{\"schema\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(SCHEMA.toString()) + "}"
                : "{\"id\":5}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(allowed ? 200 : 401, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void everyRequestCarriesTheBasicCredentialsOfTheUserInfo() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();

        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, RegistryAccess.of(Optional.of("brain:r3g1stry"), Optional.empty()));
        assertEquals(5, client.register("t-value", SCHEMA));
        assertEquals(5, client.idOf("t-value", SCHEMA));
        assertEquals(SCHEMA, client.schemaById(5));
        assertEquals(200, client.subjectsStatus(Duration.ofSeconds(5)));
        // base64 of "brain:r3g1stry", as RFC 7617 has it
        assertEquals(List.of("Basic YnJhaW46cjNnMXN0cnk=", "Basic YnJhaW46cjNnMXN0cnk=", "Basic YnJhaW46cjNnMXN0cnk=",
                "Basic YnJhaW46cjNnMXN0cnk="), authorizations);

        RestSchemaRegistryClient anonymous = new RestSchemaRegistryClient(url);
        assertEquals(401, anonymous.subjectsStatus(Duration.ofSeconds(5)));
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> anonymous.register("t-value", SCHEMA));
        assertEquals(401, refused.errorCode());
        assertEquals("null", authorizations.get(authorizations.size() - 1));
    }

    @Test
    void anHttpsRegistryIsTrustedThroughTheTrustStoreAndOnlyThrough() throws Exception {
        TestKeyStores certificates = TestKeyStores.forLocalhost(dir, "registry", STORE_PASSWORD);
        Path trustStore = certificates.trustStore();

        HttpsServer https = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.serving()));
        https.createContext("/", this::answer);
        https.start();
        server = https;
        String url = "https://localhost:" + https.getAddress().getPort();

        RegistryAccess trusting = RegistryAccess.of(Optional.of("brain:r3g1stry"),
                Optional.of(new RegistryAccess.TrustStore(trustStore, STORE_PASSWORD, "PKCS12")));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url, trusting);
        assertEquals(200, client.subjectsStatus(Duration.ofSeconds(5)));
        assertEquals(SCHEMA, client.schemaById(5));
        assertFalse(trusting.toString().contains(STORE_PASSWORD), trusting.toString());
        assertFalse(trusting.toString().contains("r3g1stry"), trusting.toString());

        RestSchemaRegistryClient untrusting = new RestSchemaRegistryClient(url, RegistryAccess.of(Optional.of("brain:r3g1stry"),
                Optional.empty()));
        assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> untrusting.subjectsStatus(Duration.ofSeconds(5)));

        IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class, () -> RegistryAccess.of(Optional.empty(),
                Optional.of(new RegistryAccess.TrustStore(trustStore, "wr0ng-pw", "PKCS12"))));
        assertTrue(wrongPassword.getMessage().startsWith("cannot read the trust store " + trustStore + ": "), wrongPassword.getMessage());
        assertFalse(wrongPassword.getMessage().contains("wr0ng-pw"));
    }
}
