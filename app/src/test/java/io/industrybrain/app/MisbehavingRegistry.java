package io.industrybrain.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server in front of a real schema registry: every request is passed through, except that schema
 * look-ups by id ({@code GET /schemas/ids/N}) get the {@link Answer} set at the time, as a broken proxy, a
 * registry mid-restart would give them (the serde's RegistryGarbageTest has the rest). Counts the look-ups it spoiled.
 */
final class MisbehavingRegistry implements AutoCloseable {

    /** What a schema look-up by id is answered with. */
    enum Answer {
        /** The real registry's answer. */
        PASSED_THROUGH,
        /** An HTML error page with status 500, as a proxy before a registry that is down gives one. */
        HTML_500,
        /** Status 200 and an empty JSON object: no schema in it. */
        EMPTY_JSON
    }

    private final HttpServer server;
    private final String registryUrl;
    private volatile Answer answer = Answer.PASSED_THROUGH;
    private final AtomicInteger spoiled = new AtomicInteger();

    MisbehavingRegistry(String registryUrl) {
        this.registryUrl = registryUrl;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    /** How many schema look-ups were given something other than the registry's answer. */
    int spoiledLookUps() {
        return spoiled.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer now = answer;
        if (now != Answer.PASSED_THROUGH && exchange.getRequestURI().getPath().startsWith("/schemas/ids/")) {
            spoiled.incrementAndGet();
            switch (now) {
                case HTML_500 -> send(exchange, 500, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
                case EMPTY_JSON -> send(exchange, 200, "application/json", "{}");
                default -> throw new IllegalStateException(now.name());
            }
            return;
        }
        passThrough(exchange);
    }

    private void passThrough(HttpExchange exchange) throws IOException {
        HttpURLConnection upstream = (HttpURLConnection) URI.create(registryUrl + exchange.getRequestURI()).toURL().openConnection();
        upstream.setRequestMethod(exchange.getRequestMethod());
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-length")) {
                values.forEach(value -> upstream.addRequestProperty(name, value));
            }
        });
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            upstream.setDoOutput(true);
            try (OutputStream out = upstream.getOutputStream()) {
                out.write(body);
            }
        }
        int status = upstream.getResponseCode();
        try (InputStream in = status < 400 ? upstream.getInputStream() : upstream.getErrorStream()) {
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            send(exchange, status, upstream.getContentType(), answer);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
