package io.industrybrain.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How a setting's text becomes its value, with the rules of the settings no topology owns (ports, threads, URLs,
 * ...). A failure is a {@link Problem}: what is wrong, without the value, which the loader adds with its source.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
interface Parse<T> {

    T parse(String text);

    /** What is wrong with a setting's text. */
    final class Problem extends IllegalArgumentException {
        private final boolean showValue;

        Problem(String problem) {
            this(problem, true);
        }

        /** @param showValue false when the value may hold a secret and must not be repeated */
        Problem(String problem, boolean showValue) {
            super(problem);
            this.showValue = showValue;
        }

        boolean showValue() { return showValue; }
    }

    /** The values {@code processing.guarantee} takes: Kafka Streams' own names. */
    List<String> GUARANTEES = List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

    Parse<String> TEXT = text -> text;
    Parse<Optional<String>> OPTIONAL_TEXT = text -> text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    Parse<Path> PATH = text -> Path.of(text.strip());
    Parse<Optional<Path>> OPTIONAL_PATH = text -> OPTIONAL_TEXT.parse(text).map(Path::of);

    /** Confluent's {@code basic.auth.user.info}: {@code user:password}; never repeated in an error. */
    Parse<Optional<String>> USER_INFO = text -> {
        Optional<String> info = OPTIONAL_TEXT.parse(text);
        if (info.isPresent() && info.get().indexOf(':') < 1) {
            throw new Problem("must be user:password", false);
        }
        return info;
    };

    /** RFC 6750's b64token, long enough not to be guessed; never repeated in an error. */
    Parse<Optional<String>> BEARER_TOKEN = text -> {
        Optional<String> token = OPTIONAL_TEXT.parse(text);
        if (token.isPresent() && !token.get().matches("[A-Za-z0-9._~+/-]{16,}=*")) {
            throw new Problem("must be 16 or more of A-Z a-z 0-9 - . _ ~ + / (and = at the end), e.g. openssl rand -base64 32", false);
        }
        return token;
    };

    Parse<Duration> DURATION = text -> {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Problem("not an ISO-8601 duration such as PT1H or PT30S");
        }
    };

    Parse<Duration> POSITIVE_DURATION = text -> {
        Duration duration = DURATION.parse(text);
        if (duration.isNegative() || duration.isZero()) {
            throw new Problem("must be longer than zero");
        }
        return duration;
    };

    /** A time-zone region such as Asia/Shanghai, or an offset such as +08:00. */
    Parse<ZoneId> ZONE = text -> {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new Problem("not a time zone such as Asia/Shanghai or +08:00");
        }
    };

    Parse<Optional<Duration>> OPTIONAL_POSITIVE_DURATION = text -> text.isBlank() ? Optional.empty()
            : Optional.of(POSITIVE_DURATION.parse(text));

    Parse<Integer> INTEGER = text -> {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new Problem("not a whole number");
        }
    };

    Parse<Integer> POSITIVE_INTEGER = text -> {
        int n = INTEGER.parse(text);
        if (n < 1) {
            throw new Problem("must be at least 1");
        }
        return n;
    };

    Parse<Integer> NON_NEGATIVE_INTEGER = text -> {
        int n = INTEGER.parse(text);
        if (n < 0) {
            throw new Problem("must be 0 or more");
        }
        return n;
    };

    Parse<Integer> PORT = text -> {
        int port = INTEGER.parse(text);
        if (port < 0 || port > 65535) {
            throw new Problem("not a port number (0 to 65535)");
        }
        return port;
    };

    Parse<Double> NUMBER = text -> {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new Problem("not a number");
        }
    };

    /** {@code on} or {@code off}; empty when unset, for a default that depends on other settings. */
    Parse<Optional<Boolean>> ON_OFF = text -> switch (text.strip()) {
        case "" -> Optional.empty();
        case "on" -> Optional.of(true);
        case "off" -> Optional.of(false);
        default -> throw new Problem("must be on or off");
    };

    Parse<String> GUARANTEE = text -> {
        if (!GUARANTEES.contains(text.strip())) {
            throw new Problem("must be one of " + GUARANTEES);
        }
        return text.strip();
    };

    /** One or more http(s) URLs, comma-separated, as Confluent's clients take them. */
    Parse<Optional<String>> REGISTRY_URLS = text -> {
        Optional<String> urls = OPTIONAL_TEXT.parse(text);
        for (String url : urls.map(u -> u.split(",")).orElse(new String[0])) {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new Problem("not a URL: " + e.getReason());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new Problem("must be an http:// or https:// URL");
            }
            if (uri.getUserInfo() != null) {
                // Credentials in the URL would be printed and logged wherever the URL is.
                throw new Problem("credentials in the URL are not supported", false);
            }
        }
        return urls;
    };
}
