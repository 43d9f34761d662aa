package io.industrybrain.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls a registry over real HTTP the way Confluent's clients do, for integration tests. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status, Content-Type and the body parsed as JSON. */
    record Answer(int status, String contentType, JsonNode body) {

        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    private final String url;

    RegistryHttp(String url) {
        this.url = url;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer post(String path, String body) {
        return post(path, body, RegistryHttpApi.MEDIA_TYPE);
    }

    Answer post(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
    }

    Answer put(String path, String body) {
        return send(request(path).header("Content-Type", RegistryHttpApi.MEDIA_TYPE).PUT(BodyPublishers.ofString(body)));
    }

    /** The body of a register, look-up or compatibility request for an Avro schema. */
    static String schemaRequest(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", RegistryHttpApi.MEDIA_TYPE + ", application/vnd.schemaregistry+json, application/json");
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            var response = CLIENT.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    json(response.body()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
