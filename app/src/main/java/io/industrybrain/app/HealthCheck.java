package io.industrybrain.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.app.http.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health}: 200 once the topologies are RUNNING and the schema registry answers, 503
 * before (and whenever either stops being so), with a JSON body saying which part is not ready.
 */
final class HealthCheck implements HttpApi.Route {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<KafkaStreams.State> streamsState;
    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HealthCheck(Supplier<KafkaStreams.State> streamsState, String registryUrl) {
        this.streamsState = streamsState;
        this.registryUrl = registryUrl;
    }

    @Override
    public HttpApi.Response answer(com.sun.net.httpserver.HttpExchange exchange) {
        KafkaStreams.State state = streamsState.get();
        boolean registryUp = registryAnswers();
        boolean up = state == KafkaStreams.State.RUNNING && registryUp;
        ObjectNode body = JSON.createObjectNode()
                .put("status", up ? "UP" : "DOWN")
                .put("streams", state == null ? "NOT_STARTED" : state.name())
                .put("registry", registryUp ? "UP" : "DOWN");
        return HttpApi.Response.json(up ? 200 : 503, body.toString());
    }

    private boolean registryAnswers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
