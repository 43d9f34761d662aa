package io.industrybrain.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live page's files over a real {@link HttpApi}: content types, {@code /}, and what is refused. */
class StaticFilesIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static HttpApi http;

    @BeforeAll
    static void serve() throws IOException {
        http = new HttpApi(0);
        http.route("/health", exchange -> HttpApi.Response.json(200, "{\"status\":\"UP\"}"));
        http.route("/", new StaticFiles("web"));
        http.start();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsTheIndexPageAsHtml() throws Exception {
        HttpResponse<String> page = get("/");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("<title>产业大脑 Industry brain"), "the page's title in UTF-8");
        assertEquals(page.body(), get("/index.html").body());
    }

    @Test
    void scriptsStylesAndTheVendoredChartLibraryHaveTheirContentTypes() throws Exception {
        HttpResponse<String> app = get("/app.js");
        HttpResponse<String> style = get("/style.css");
        HttpResponse<String> chart = get("/vendor/chart.umd.min.js");

        assertEquals("text/javascript; charset=utf-8", app.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(app.body().startsWith("'use strict';"));
        assertEquals("text/css; charset=utf-8", style.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/javascript; charset=utf-8", chart.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(chart.body().startsWith("/*!\n * Chart.js v4.6.1\n"), "the vendored build, unchanged");
    }

    @Test
    void aLongerRouteStillWinsOverTheFiles() throws Exception {
        assertEquals("{\"status\":\"UP\"}", get("/health").body());
    }

    @Test
    void missingFilesAndPathsOutsideTheFolderAre404() throws Exception {
        assertEquals(404, get("/missing.html").statusCode());
        assertEquals(404, get("/vendor/").statusCode());
        assertEquals(404, get("/app").statusCode(), "no extension, no content type");
        assertEquals(404, get("/%2e%2e/simplelogger.properties").statusCode(), "an encoded .. is decoded and refused");
        assertEquals(404, get("/.hidden.js").statusCode());
        assertEquals(404, get("/io/industrybrain/app/Brain.class").statusCode(), "only the web folder, only text types");
    }
}
