package io.industrybrain.app.query;

import io.industrybrain.schema.Scope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> new BadRequest("parameter " + name + " is required"));
    }

    Scope scope() {
        String value = requiredText("scope");
        try {
            return Scope.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("scope must be one of " + Arrays.stream(Scope.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", was " + value);
        }
    }

    int positiveInt(String name, int absent) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(name + " must be a whole number of at least 1, was " + value.get());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query string: " + e.getMessage());
        }
    }
}
