package io.industrybrain.streams.topology;

import io.industrybrain.schema.Scope;
import java.time.Instant;

/**
 * The key of {@code brain.metrics} and {@code brain.metrics.final}: {@code <scope>:<scopeId>:<windowStart>}
 * with the window start as an ISO-8601 instant in UTC, e.g. {@code ENTERPRISE:E1:2026-03-01T10:00:00Z}.
 * Consumers split on the first and the last colon, so a scopeId may itself contain colons.
 */
public final class MetricKeys {

    private MetricKeys() { }

    public static String of(Scope scope, String scopeId, Instant windowStart) {
        return scope.name() + ":" + scopeId + ":" + windowStart;
    }
}
