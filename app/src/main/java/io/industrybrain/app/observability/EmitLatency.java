package io.industrybrain.app.observability;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * End-to-end latency of the metric records, as histograms by scope and kind ({@code update} or
 * {@code final}), observed on every record the metrics view reads:
 * <ul>
 *   <li>{@code brain_emit_latency_from_event_seconds}: emittedAt - lastEventTime, how old the newest
 *       event counted was when the record went out (for a final, at least the grace)</li>
 *   <li>{@code brain_emit_latency_from_ingest_seconds}: emittedAt - lastIngestTime, how long the newest
 *       input record took from its topic to a record that counts it</li>
 * </ul>
 * Only records emitted since this process started are observed: the view re-reads older ones at
 * start, and counting them again would count them once per restart. A producer clock ahead of ours
 * makes a negative difference, observed as 0.
 */
final class EmitLatency implements Consumer<MetricRecord> {

    private static final Duration[] FROM_EVENT = durations("PT0.5S", "PT1S", "PT2S", "PT5S", "PT10S", "PT15S", "PT30S",
            "PT1M", "PT2M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "PT1H30M", "PT2H", "PT3H", "PT6H");
    private static final Duration[] FROM_INGEST = durations("PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2S",
            "PT5S", "PT10S", "PT30S", "PT1M", "PT2M", "PT5M", "PT10M", "PT30M", "PT1H", "PT2H");

    private final Instant since;
    private final Map<String, Timer> fromEvent = new HashMap<>();
    private final Map<String, Timer> fromIngest = new HashMap<>();

    EmitLatency(MeterRegistry registry, Instant since) {
        this.since = since;
        // Every series from the start, so that percentiles and rates are defined before the first record.
        for (Scope scope : Scope.values()) {
            for (String kind : new String[] {"update", "final"}) {
                fromEvent.put(key(scope, kind), Timer.builder("brain.emit.latency.from.event")
                        .description("Wall-clock time from the newest event time counted to the record's emission")
                        .tags("scope", scope.name(), "kind", kind)
                        .serviceLevelObjectives(FROM_EVENT)
                        .register(registry));
                fromIngest.put(key(scope, kind), Timer.builder("brain.emit.latency.from.ingest")
                        .description("Wall-clock time from the newest input record's Kafka timestamp counted to the record's emission")
                        .tags("scope", scope.name(), "kind", kind)
                        .serviceLevelObjectives(FROM_INGEST)
                        .register(registry));
            }
        }
    }

    @Override
    public void accept(MetricRecord record) {
        Instant emittedAt = record.getEmittedAt();
        if (emittedAt.isBefore(since)) {
            return;
        }
        String key = key(record.getScope(), record.getFinal$() ? "final" : "update");
        observe(fromEvent.get(key), record.getLastEventTime(), emittedAt);
        observe(fromIngest.get(key), record.getLastIngestTime(), emittedAt);
    }

    private static void observe(Timer timer, Instant from, Instant emittedAt) {
        if (from != null) {
            Duration latency = Duration.between(from, emittedAt);
            timer.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    private static String key(Scope scope, String kind) {
        return scope.name() + "/" + kind;
    }

    private static Duration[] durations(String... values) {
        Duration[] parsed = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            parsed[i] = Duration.parse(values[i]);
        }
        return parsed;
    }
}
