package io.industrybrain.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP endpoints on {@code http.port}: {@code /health} for orchestrators and load
 * balancers, {@code /metrics} for Prometheus, and the routes other parts register. One small
 * server from the JDK: the endpoints are few and the traffic is a scrape every few seconds. Given a key store it
 * speaks https only; given a token, the routes added with {@link #routeNeedingToken} answer only requests that
 * present it, while {@code /health} and {@code /metrics} stay open to load balancers and Prometheus.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** What a route answers: status, content type, body. */
    public record Response(int status, String contentType, String body) {
        public static Response json(int status, String body) {
            return new Response(status, "application/json; charset=utf-8", body);
        }

        public static Response text(int status, String body) {
            return new Response(status, "text/plain; version=0.0.4; charset=utf-8", body);
        }
    }

    /** A GET route. */
    @FunctionalInterface
    public interface Route {
        Response answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Optional<BearerToken> token;

    /** Plain http, every route open. @throws BindException when the port is taken */
    public HttpApi(int port) throws IOException {
        this(port, Optional.empty(), Optional.empty());
    }

    /**
     * @param tls the certificate to serve https with, and then nothing but https
     * @param token what {@link #routeNeedingToken} routes ask for; none: they are open
     * @throws BindException when the port is taken
     */
    public HttpApi(int port, Optional<ServerKeyStore> tls, Optional<BearerToken> token) throws IOException {
        this.token = token;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(port), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get().sslContext()));
            this.server = https;
        } else {
            this.server = HttpServer.create(new InetSocketAddress(port), 0);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "brain-http");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Adds a route answering GET on the path and everything below it, to anyone. */
    public HttpApi route(String path, Route route) {
        return add(path, route, false);
    }

    /** Adds a route answering GET on the path and everything below it, when a token is set only to requests bearing it. */
    public HttpApi routeNeedingToken(String path, Route route) {
        return add(path, route, true);
    }

    private HttpApi add(String path, Route route, boolean needsToken) {
        server.createContext(path, exchange -> {
            try (exchange) {
                Optional<Response> refusal = needsToken ? refusal(exchange) : Optional.empty();
                if (refusal.isPresent()) {
                    send(exchange, refusal.get());
                    return;
                }
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, Response.json(405, "{\"error\":\"method " + jsonSafe(exchange.getRequestMethod())
                            + " is not allowed: only GET and HEAD\"}"));
                    return;
                }
                send(exchange, route.answer(exchange));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
                send(exchange, Response.json(500, "{\"error\":\"internal error\"}"));
            }
        });
        return this;
    }

    /**
     * The 401 of a request without the token, or with another one (RFC 6750: the challenge says which). The token
     * presented is never repeated, nor logged: a wrong one is often a right one for something else.
     */
    private Optional<Response> refusal(HttpExchange exchange) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return switch (token.get().in(exchange.getRequestHeaders().getFirst("Authorization"))) {
            case RIGHT -> Optional.empty();
            case NONE -> {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"industry brain\"");
                yield Optional.of(Response.json(401, "{\"error\":\"this path needs the header Authorization: Bearer <token>\"}"));
            }
            case WRONG -> {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"industry brain\", error=\"invalid_token\"");
                yield Optional.of(Response.json(401, "{\"error\":\"the bearer token presented is not this server's\"}"));
            }
        };
    }

    /** A request method is a token (RFC 9110), but one that is not must not break the JSON it is quoted in. */
    private static String jsonSafe(String method) {
        return method.replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "?");
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://localhost:port} or {@code http://localhost:port}. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://localhost:" + port();
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
