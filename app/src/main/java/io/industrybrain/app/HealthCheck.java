package io.industrybrain.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.serde.RestSchemaRegistryClient;
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
    private final RestSchemaRegistryClient registry;

    /** @param registry asked with the app's own credentials, so that revoked ones show as the registry DOWN */
    HealthCheck(Supplier<KafkaStreams.State> streamsState, RestSchemaRegistryClient registry) {
        this.streamsState = streamsState;
        this.registry = registry;
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
            return registry.subjectsStatus(Duration.ofSeconds(2)) == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
