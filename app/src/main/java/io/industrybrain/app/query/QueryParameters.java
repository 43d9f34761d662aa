package io.industrybrain.app.query;

import io.industrybrain.schema.Scope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The query string of a request, decoded; a value that does not parse is a {@link BadRequest}. */
final class QueryParameters {

    /** A parameter is missing or malformed: the client's mistake, answered with 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    QueryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
    }

    /** Refuses a parameter the path does not take: a misspelt one would otherwise be ignored without a word. */
    void takeOnly(String path, List<String> names) {
        for (String name : new TreeSet<>(values.keySet())) {
            if (!names.contains(name)) {
                throw new BadRequest("unknown parameter " + name + ": " + path
                        + (names.isEmpty() ? " takes none" : " takes " + String.join(", ", names)));
            }
        }
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> new BadRequest("parameter " + name + " is required"));
    }

    Scope scope() {
        return Scope.valueOf(oneOf("scope", Arrays.stream(Scope.values()).map(Enum::name).toList()));
    }

    /** A required parameter whose value must be one of {@code allowed}. */
    String oneOf(String name, List<String> allowed) {
        String value = requiredText(name);
        if (!allowed.contains(value)) {
            throw new BadRequest(name + " must be one of " + String.join(", ", allowed) + ", was " + value);
        }
        return value;
    }

    /** A whole number in [1, max], {@code absent} when not given. */
    int limit(String name, int absent, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(name + " must be a whole number from 1 to " + max + ", was " + value.get());
    }

    Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadRequest(name + " must be an ISO-8601 instant such as 2026-03-01T10:00:00Z, was " + value);
            }
        });
    }

    /** The key of the item the page asked for begins after; absent for the first page. */
    Optional<String> cursor() {
        return text("cursor").map(Cursor::keyOf);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query string: " + e.getMessage());
        }
    }
}
