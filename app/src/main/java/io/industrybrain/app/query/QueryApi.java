package io.industrybrain.app.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.util.List;

/**
 * The JSON query API under {@code /api/} (contract in docs/query-api.md):
 * <ul>
 *   <li>{@code GET /api/scopes}: the scopeIds of each roll-up scope, and how many enterprises</li>
 *   <li>{@code GET /api/metrics?scope=&scopeId=&limit=}: the newest windows of one scopeId, newest first</li>
 *   <li>{@code GET /api/latest?scope=[&scopeId=]}: the newest window of each scopeId (ENTERPRISE needs scopeId)</li>
 *   <li>{@code GET /api/outcomes}: the outcome counts per input topic, cluster-wide for the event topics (the outcome
 *       ledger), and whether they balance</li>
 *   <li>{@code GET /api/targets}: the targets of brain.targets</li>
 * </ul>
 * 400 with {@code {"error": ...}} for a missing or malformed parameter, 404 for an unknown path or a
 * scopeId the view has no record of.
 */
public final class QueryApi implements HttpApi.Route {

    static final int DEFAULT_LIMIT = 24;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MetricsView view;
    private final ClusterOutcomes outcomes;

    public QueryApi(MetricsView view, ClusterOutcomes outcomes) {
        this.view = view;
        this.outcomes = outcomes;
    }

    /** Serves every path under {@code /api/}. */
    public void register(HttpApi http) {
        http.route("/api/", this);
    }

    @Override
    public HttpApi.Response answer(HttpExchange exchange) {
        try {
            QueryParameters parameters = new QueryParameters(exchange.getRequestURI().getRawQuery());
            return switch (exchange.getRequestURI().getPath()) {
                case "/api/scopes" -> ok(scopes());
                case "/api/metrics" -> metrics(parameters);
                case "/api/latest" -> latest(parameters);
                case "/api/outcomes" -> ok(outcomes());
                case "/api/targets" -> ok(targets());
                default -> error(404, "no such resource: " + exchange.getRequestURI().getPath());
            };
        } catch (QueryParameters.BadRequest e) {
            return error(400, e.getMessage());
        }
    }

    private ObjectNode scopes() {
        ObjectNode body = JSON.objectNode();
        for (Scope scope : List.of(Scope.PROVINCE, Scope.REGION, Scope.INDUSTRY_CHAIN)) {
            ArrayNode ids = body.putArray(scope.name());
            view.scopeIds(scope).forEach(ids::add);
        }
        body.put(Scope.ENTERPRISE.name(), view.scopeIdCount(Scope.ENTERPRISE));
        return body;
    }

    private HttpApi.Response metrics(QueryParameters parameters) {
        Scope scope = parameters.scope();
        String scopeId = parameters.requiredText("scopeId");
        int limit = parameters.positiveInt("limit", DEFAULT_LIMIT);
        return view.history(scope, scopeId, limit)
                .map(records -> ok(records(JSON.objectNode().put("scope", scope.name()).put("scopeId", scopeId), records)))
                .orElseGet(() -> unknown(scope, scopeId));
    }

    private HttpApi.Response latest(QueryParameters parameters) {
        Scope scope = parameters.scope();
        ObjectNode body = JSON.objectNode().put("scope", scope.name());
        if (parameters.text("scopeId").isEmpty()) {
            if (scope == Scope.ENTERPRISE) {
                throw new QueryParameters.BadRequest("scope ENTERPRISE needs a scopeId: one record per enterprise is too many to list");
            }
            return ok(records(body, view.latest(scope)));
        }
        String scopeId = parameters.requiredText("scopeId");
        return view.history(scope, scopeId, 1)
                .map(records -> ok(records(body, records)))
                .orElseGet(() -> unknown(scope, scopeId));
    }

    private static ObjectNode records(ObjectNode body, List<MetricRecord> records) {
        ArrayNode array = body.putArray("records");
        records.forEach(record -> array.add(MetricRecordJson.of(record)));
        return body;
    }

    private ObjectNode outcomes() {
        ObjectNode topics = JSON.objectNode();
        outcomes.snapshot().forEach((topic, counts) -> {
            ObjectNode node = topics.putObject(topic)
                    .put("consumed", counts.consumed())
                    .put("accepted", counts.accepted())
                    .put("duplicates", counts.duplicates());
            ObjectNode deadLettered = node.putObject("deadLettered");
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                deadLettered.put(reason.name(), counts.deadLettered(reason));
            }
            // Reference records only, and only for the reasons that apply to them.
            ObjectNode ignored = node.putObject("ignored");
            counts.ignored().forEach((reason, count) -> ignored.put(reason.name(), count));
            node.put("inFlight", counts.inFlight()).put("balanced", counts.balanced());
        });
        ObjectNode body = JSON.objectNode();
        // false while this instance still reads the ledger from its start; the event topics read 0 until then
        body.put("ledgerCurrent", outcomes.current());
        body.set("topics", topics);
        return body;
    }

    private ArrayNode targets() {
        ArrayNode array = JSON.arrayNode();
        for (MetricTarget target : view.targets()) {
            ObjectNode node = array.addObject();
            for (String field : List.of("scope", "scopeId", "metric", "target", "dueDate")) {
                MetricRecordJson.put(node, field, target.get(field));
            }
        }
        return array;
    }

    private static HttpApi.Response ok(com.fasterxml.jackson.databind.JsonNode body) {
        return HttpApi.Response.json(200, body.toString());
    }

    private static HttpApi.Response unknown(Scope scope, String scopeId) {
        return error(404, "no records of " + scope.name() + " " + scopeId);
    }

    private static HttpApi.Response error(int status, String message) {
        return HttpApi.Response.json(status, JSON.objectNode().put("error", message).toString());
    }
}
