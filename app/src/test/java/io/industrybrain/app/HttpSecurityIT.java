package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.app.livepage.HeadlessChromium;
import io.industrybrain.app.livepage.LivePage;
import io.industrybrain.app.livepage.PageShowsApi;
import io.industrybrain.app.livepage.QueryApiClient;
import io.industrybrain.app.query.OpenApiDocument;
import io.industrybrain.serde.TestKeyStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app with a key store and a token: https only, with the certificate its clients trust; every documented
 * path of the query API refuses a request without the token or with another one (401, the documented error body,
 * a Bearer challenge) and answers one with it; {@code /health}, {@code /metrics} and the page's files stay open; and
 * the live page in headless Chromium shows the API's data once given the token, by its form or by {@code #token=}.
 */
class HttpSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "Zm9yLXRoZS1icmFpbi1vbmx5LTIwMjY=";
    private static final String WRONG_TOKEN = "bm90LXRoZS1icmFpbnMtdG9rZW4tMjAyNg==";

    @TempDir
    Path dir;

    @Test
    void httpsOnlyAndTheQueryApiOnlyForTheTokensHolders() throws Exception {
        TestKeyStores stores = TestKeyStores.forLocalhost(dir, "brain-http", "st0re-pw-2026");
        BrainSettings settings = BrainTestSupport.embedded(dir.resolve("data"), "--http.tls.keystore.location=" + stores.keyStore(),
                "--http.tls.keystore.password=" + stores.password(), "--http.auth.token=" + TOKEN);
        HttpClient https = HttpClient.newBuilder().sslContext(stores.trusting()).connectTimeout(Duration.ofSeconds(5)).build();
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            String url = app.httpUrl();
            assertTrue(url.startsWith("https://localhost:"), url);
            BrainTestSupport.awaitHealthy(app, https);

            // Plain http is not answered on the port, and a client that does not trust the certificate does not connect.
            String plain = "http://" + url.substring("https://".length());
            assertThrows(IOException.class, () -> send(https, plain + "/health", Optional.empty()));
            assertThrows(SSLHandshakeException.class, () -> send(HttpClient.newHttpClient(), url + "/health", Optional.empty()));

            // Operations and the page's own files need no token.
            for (String open : new String[] {"/health", "/metrics", "/", "/app.js"}) {
                assertEquals(200, send(https, url + open, Optional.empty()).statusCode(), open);
            }

            // Every documented path: 401 without the token and with another, as documented; answered with it.
            OpenApiDocument openApi = OpenApiDocument.packaged();
            for (String path : openApi.paths()) {
                HttpResponse<String> none = send(https, url + path, Optional.empty());
                assertEquals(401, none.statusCode(), path);
                assertEquals("Bearer realm=\"industry brain\"", none.headers().firstValue("WWW-Authenticate").orElse(null), path);
                assertEquals(List.of(), openApi.problems(JSON.readTree(none.body()), openApi.responseSchema(path, 401)), path);

                HttpResponse<String> wrong = send(https, url + path, Optional.of("Bearer " + WRONG_TOKEN));
                assertEquals(401, wrong.statusCode(), path);
                assertEquals("Bearer realm=\"industry brain\", error=\"invalid_token\"",
                        wrong.headers().firstValue("WWW-Authenticate").orElse(null), path);
                assertEquals(List.of(), openApi.problems(JSON.readTree(wrong.body()), openApi.responseSchema(path, 401)), path);
                assertFalse(wrong.body().contains(WRONG_TOKEN) || wrong.body().contains(TOKEN), wrong.body());

                HttpResponse<String> right = send(https, url + path, Optional.of("Bearer " + TOKEN));
                assertTrue(right.statusCode() != 401, path + ": " + right.body());
            }
            for (String answered : new String[] {"/api/scopes", "/api/latest?scope=REGION", "/api/outcomes", "/api/targets", "/api/openapi.json"}) {
                assertEquals(200, send(https, url + answered, Optional.of("Bearer " + TOKEN)).statusCode(), answered);
            }
            // The scheme's name is case-insensitive, the token is not; a token in another scheme is no bearer token.
            assertEquals(200, send(https, url + "/api/scopes", Optional.of("bearer " + TOKEN)).statusCode());
            assertEquals(401, send(https, url + "/api/scopes", Optional.of("Bearer " + TOKEN.toLowerCase())).statusCode());
            assertEquals(401, send(https, url + "/api/scopes", Optional.of("Basic " + TOKEN)).statusCode());
            assertEquals(401, send(https, url + "/api/scopes", Optional.of("Bearer " + TOKEN.substring(1))).statusCode());

            QueryApiClient api = new QueryApiClient(url, HttpClient.newBuilder().sslContext(stores.trusting()), Optional.of(TOKEN));
            try (HeadlessChromium browser = HeadlessChromium.trusting(stores.readCertificate())) {
                LivePage page = browser.open(url + "/?refresh=1");
                await().alias("the page asks for the token").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .until(() -> page.view().visible("token-form"));
                assertEquals("unauthorized", page.view().connectionState());
                assertEquals("—", page.view().enterpriseCount(), "nothing shown without the token");

                page.enterToken(TOKEN);
                await().alias("with the token typed in, the page shows the API's data").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> PageShowsApi.assertAgrees(page, api));
                assertEquals("0", page.view().enterpriseCount(), "no events published: no enterprise has records yet");
                assertEquals("live", page.view().connectionState());
                assertFalse(page.view().visible("token-form"));

                browser.script("sessionStorage.clear()");
                LivePage given = browser.open(url + "/?refresh=1#token=" + TOKEN);
                await().alias("with #token= the page shows the API's data").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .until(() -> "live".equals(given.view().connectionState()) && "0".equals(given.view().enterpriseCount()));
                assertFalse(given.address().contains(TOKEN), "the token is taken out of the address: " + given.address());
            }
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
