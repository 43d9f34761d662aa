package io.industrybrain.streams.topology;

import io.industrybrain.schema.Period;
import io.industrybrain.schema.Scope;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The key of {@code brain.metrics} and {@code brain.metrics.final}: {@code <scope>:<scopeId>:<windowStart>}
 * with the window start as an ISO-8601 instant in UTC, e.g. {@code ENTERPRISE:E1:2026-03-01T10:00:00Z}; and of
 * {@code brain.metrics.periods}: {@code <period>:<scope>:<scopeId>:<first day>} with the period's first day in
 * {@code period.zone}, e.g. {@code MONTH:PROVINCE:ZJ:2026-12-01}. Consumers split on the first (and second) and the
 * last colon, so a scopeId may itself contain colons.
 */
public final class MetricKeys {

    private MetricKeys() { }

    public static String of(Scope scope, String scopeId, Instant windowStart) {
        return scope.name() + ":" + scopeId + ":" + windowStart;
    }

    public static String ofPeriod(Period period, Scope scope, String scopeId, LocalDate firstDay) {
        return period.name() + ":" + scope.name() + ":" + scopeId + ":" + firstDay;
    }
}
