package io.industrybrain.app.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the live page: the text files under one class-path folder (HTML, JavaScript, CSS), with
 * {@code /} answered by {@code index.html}. Registered on {@code /}, it answers every path that no
 * longer route claims, so an unknown path is a 404 here rather than the JDK server's bare default.
 * Files are read from the class path on each request: they are few and small, and the browser polls
 * the query API, not these.
 */
public final class StaticFiles implements HttpApi.Route {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8",
            "md", "text/markdown; charset=utf-8",
            "txt", "text/plain; charset=utf-8");
    /** Plain relative names only: no "..", no empty segments, nothing a class loader could read outside the folder. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private final String folder;
    private final ClassLoader loader;

    /** @param folder class-path folder holding the files, e.g. {@code web} */
    public StaticFiles(String folder) {
        this.folder = folder;
        this.loader = StaticFiles.class.getClassLoader();
    }

    @Override
    public HttpApi.Response answer(HttpExchange exchange) throws IOException {
        return serve(exchange.getRequestURI().getPath());
    }

    /** The response for a request path such as {@code /} or {@code /vendor/chart.umd.min.js}. */
    HttpApi.Response serve(String requestPath) throws IOException {
        String relative = requestPath.equals("/") ? "index.html" : requestPath.substring(1);
        Optional<String> type = contentType(relative);
        if (!SAFE_PATH.matcher(relative).matches() || type.isEmpty()) {
            return notFound(requestPath);
        }
        try (InputStream in = loader.getResourceAsStream(folder + "/" + relative)) {
            if (in == null) {
                return notFound(requestPath);
            }
            return new HttpApi.Response(200, type.get(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> contentType(String relative) {
        int dot = relative.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(CONTENT_TYPES.get(relative.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    private static HttpApi.Response notFound(String requestPath) {
        return new HttpApi.Response(404, "text/plain; charset=utf-8", "not found: " + requestPath + "\n");
    }
}
