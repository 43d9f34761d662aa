package io.industrybrain.app.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.industrybrain.app.http.HttpApi;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.IndicatorFields;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON query API under {@code /api/}, as {@code /api/openapi.json} describes it (and docs/query-api.md):
 * <ul>
 *   <li>{@code GET /api/scopes}: the scopeIds of each roll-up scope, and how many enterprises</li>
 *   <li>{@code GET /api/metrics?scope=&scopeId=[&period=][&from=][&to=][&limit=][&cursor=]}: the windows of one
 *       scopeId, or with {@code period=DAY|MONTH|QUARTER|YEAR} its periods over the whole history, newest first, those
 *       starting in [from, to)</li>
 *   <li>{@code GET /api/latest?scope=[&scopeId=][&period=][&limit=][&cursor=]}: the newest window (or period) of each
 *       scopeId, by scopeId</li>
 *   <li>{@code GET /api/ranking?chain=&metric=[&order=][&limit=][&windowStart=]}: a chain's enterprises ranked by
 *       an indicator in one window</li>
 *   <li>{@code GET /api/outcomes}: the outcome counts per input topic, cluster-wide for the event topics (the outcome
 *       ledger), and whether they balance</li>
 *   <li>{@code GET /api/targets}: the targets of brain.targets</li>
 *   <li>{@code GET /api/openapi.json}: the OpenAPI description of all of these</li>
 * </ul>
 * Windows come from the in-memory {@link MetricsView}, periods from the {@link PeriodHistory} on disk. Lists longer
 * than a page end with a {@code next} cursor. 400 with {@code {"error": ...}} for a missing, malformed
 * or unknown parameter, naming it and what it takes; 404 for an unknown path or a scopeId, chain or window the
 * view has no record of; 503 while the period history cannot be read yet; 401 for every path, {@code /api/openapi.json} included, when {@code http.auth.token} is set
 * and the request does not bear it.
 */
public final class QueryApi implements HttpApi.Route {

    static final int DEFAULT_LIMIT = 24;
    static final int DEFAULT_PAGE = 100;
    static final int DEFAULT_RANKING = 10;
    /** The most items one answer holds: enough for any chart, small enough to build and send at once. */
    static final int MAX_LIMIT = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Endpoint(List<String> parameters, Function<QueryParameters, HttpApi.Response> answer) { }

    private final MetricsView view;
    private final PeriodHistory periods;
    private final ClusterOutcomes outcomes;
    private final ChainRanking ranking;
    private final String openApi;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    public QueryApi(MetricsView view, PeriodHistory periods, EnterpriseDirectory enterprises, ClusterOutcomes outcomes) {
        this.view = view;
        this.periods = periods;
        this.outcomes = outcomes;
        this.ranking = new ChainRanking(view, enterprises);
        this.openApi = openApiDocument();
        endpoints.put("/api/scopes", new Endpoint(List.of(), parameters -> ok(scopes())));
        endpoints.put("/api/metrics", new Endpoint(List.of("scope", "scopeId", "period", "from", "to", "limit", "cursor"), this::metrics));
        endpoints.put("/api/latest", new Endpoint(List.of("scope", "scopeId", "period", "limit", "cursor"), this::latest));
        endpoints.put("/api/ranking", new Endpoint(List.of("chain", "metric", "order", "limit", "windowStart"), this::ranking));
        endpoints.put("/api/outcomes", new Endpoint(List.of(), parameters -> ok(outcomes())));
        endpoints.put("/api/targets", new Endpoint(List.of(), parameters -> ok(targets())));
        endpoints.put("/api/openapi.json", new Endpoint(List.of(), parameters -> HttpApi.Response.json(200, openApi)));
    }

    /** Serves every path under {@code /api/}; when {@code http.auth.token} is set, only to requests bearing it. */
    public void register(HttpApi http) {
        http.routeNeedingToken("/api/", this);
    }

    /** The paths answered, each with the parameters it takes. */
    Map<String, List<String>> paths() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        endpoints.forEach((path, endpoint) -> paths.put(path, endpoint.parameters()));
        return paths;
    }

    @Override
    public HttpApi.Response answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        Endpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            return error(404, "no such resource: " + path + "; the API's paths are in /api/openapi.json");
        }
        try {
            QueryParameters parameters = new QueryParameters(exchange.getRequestURI().getRawQuery());
            parameters.takeOnly(path, endpoint.parameters());
            return endpoint.answer().apply(parameters);
        } catch (QueryParameters.BadRequest e) {
            return error(400, e.getMessage());
        } catch (ChainRanking.NotFound e) {
            return error(404, e.getMessage());
        } catch (PeriodHistory.NotReady e) {
            return error(503, e.getMessage());
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
        Optional<Instant> from = parameters.instant("from");
        Optional<Instant> to = parameters.instant("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new QueryParameters.BadRequest("from must be before to, was from " + from.get() + " to " + to.get());
        }
        int limit = parameters.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
        // The next page is the windows older than the last one given: [from, that window's start).
        Instant before = parameters.cursor().map(QueryApi::windowStartOf)
                .filter(start -> to.isEmpty() || start.isBefore(to.get()))
                .or(() -> to).orElse(Instant.MAX);
        Period period = period(parameters);
        Optional<List<MetricRecord>> found = period == Period.WINDOW
                ? view.windows(scope, scopeId, from.orElse(Instant.MIN), before, limit + 1)
                : periods.records(period, scope, scopeId, from.orElse(Instant.MIN), before, limit + 1);
        return found
                .map(records -> ok(page(JSON.objectNode().put("scope", scope.name()).put("scopeId", scopeId).put("period", period.name()),
                        records, limit, record -> record.getWindowStart().toString())))
                .orElseGet(() -> unknown(scope, scopeId));
    }

    /** WINDOW (the default) or a calendar period kind. */
    private static Period period(QueryParameters parameters) {
        return parameters.text("period").isEmpty() ? Period.WINDOW
                : Period.valueOf(parameters.oneOf("period", Arrays.stream(Period.values()).map(Enum::name).toList()));
    }

    private static Instant windowStartOf(String cursorKey) {
        try {
            return Instant.parse(cursorKey);
        } catch (DateTimeParseException e) {
            throw Cursor.notOurs(Cursor.after(cursorKey));
        }
    }

    private HttpApi.Response latest(QueryParameters parameters) {
        Scope scope = parameters.scope();
        Period period = period(parameters);
        ObjectNode body = JSON.objectNode().put("scope", scope.name()).put("period", period.name());
        int limit = parameters.limit("limit", DEFAULT_PAGE, MAX_LIMIT);
        Optional<String> after = parameters.cursor();
        if (parameters.text("scopeId").isEmpty()) {
            List<MetricRecord> latest = period == Period.WINDOW ? view.latest(scope, after.orElse(null), limit + 1)
                    : periods.latest(period, scope, after.orElse(null), limit + 1);
            return ok(page(body, latest, limit, MetricRecord::getScopeId));
        }
        String scopeId = parameters.requiredText("scopeId");
        return (period == Period.WINDOW ? view.windows(scope, scopeId, Instant.MIN, Instant.MAX, 1)
                : periods.records(period, scope, scopeId, Instant.MIN, Instant.MAX, 1))
                .map(records -> ok(page(body, records, limit, MetricRecord::getScopeId)))
                .orElseGet(() -> unknown(scope, scopeId));
    }

    private HttpApi.Response ranking(QueryParameters parameters) {
        String chain = parameters.requiredText("chain");
        String metric = parameters.oneOf("metric", IndicatorFields.ALL);
        ChainRanking.Order order = parameters.text("order").isEmpty() ? ChainRanking.Order.TOP
                : ChainRanking.Order.valueOf(parameters.oneOf("order", List.of("top", "bottom")).toUpperCase(Locale.ROOT));
        int limit = parameters.limit("limit", DEFAULT_RANKING, MAX_LIMIT);
        ChainRanking.Ranking ranked = ranking.rank(chain, metric, order, limit, parameters.instant("windowStart"));
        ObjectNode body = JSON.objectNode()
                .put("chain", ranked.chain()).put("metric", ranked.metric()).put("order", ranked.order().name().toLowerCase(Locale.ROOT))
                .put("windowStart", ranked.windowStart().toString()).put("windowEnd", ranked.windowEnd().toString())
                .put("ranked", ranked.ranked()).put("withoutValue", ranked.withoutValue());
        ArrayNode places = body.putArray("enterprises");
        for (ChainRanking.Place place : ranked.places()) {
            ObjectNode node = places.addObject()
                    .put("rank", place.rank())
                    .put("enterpriseId", place.enterprise().getEnterpriseId())
                    .put("name", place.enterprise().getName())
                    .put("region", place.enterprise().getRegion());
            // as the record has it: a count stays a whole number
            MetricRecordJson.put(node, "value", place.value() == null ? null : place.record().get(metric));
            node.put("final", place.record().getFinal$()).put("revision", place.record().getRevision());
        }
        return ok(body);
    }

    /** The first {@code limit} records, and the cursor of the next page when {@code records} has more. */
    private static ObjectNode page(ObjectNode body, List<MetricRecord> records, int limit, Function<MetricRecord, String> key) {
        List<MetricRecord> shown = records.subList(0, Math.min(limit, records.size()));
        ArrayNode array = body.putArray("records");
        shown.forEach(record -> array.add(MetricRecordJson.of(record)));
        if (records.size() > limit) {
            body.put("next", Cursor.after(key.apply(shown.get(shown.size() - 1))));
        } else {
            body.putNull("next");
        }
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
            for (String field : List.of("scope", "scopeId", "metric", "target", "dueDate", "baseline", "baselineDate")) {
                MetricRecordJson.put(node, field, target.get(field));
            }
        }
        return array;
    }

    private static HttpApi.Response ok(com.fasterxml.jackson.databind.JsonNode body) {
        return HttpApi.Response.json(200, body.toString());
    }

    private static String openApiDocument() {
        try (InputStream in = QueryApi.class.getResourceAsStream("openapi.json")) {
            return new String(Objects.requireNonNull(in, "openapi.json is packaged beside QueryApi").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpApi.Response unknown(Scope scope, String scopeId) {
        return error(404, "no records of " + scope.name() + " " + scopeId);
    }

    private static HttpApi.Response error(int status, String message) {
        return HttpApi.Response.json(status, JSON.objectNode().put("error", message).toString());
    }
}
