package io.industrybrain.app.observability;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmitLatencyTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EmitLatency latency = new EmitLatency(registry, Instant.parse("2026-03-01T10:00:00Z"));

    private double bucket(String histogram, Scope scope, String kind, String le) {
        return new PrometheusText(registry.scrape()).require(histogram + "_bucket", "scope", scope.name(), "kind", kind, "le", le);
    }

    @Test
    void anUpdateIsObservedFromItsLastEventAndItsLastIngest() {
        // emitted 8 s after its newest event, which was ingested 0.3 s before the emission
        latency.accept(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:00:10Z")
                .setLastEventTime(Instant.parse("2026-03-01T10:00:02Z"))
                .setLastIngestTime(Instant.parse("2026-03-01T10:00:09.700Z")).build());

        String fromEvent = "brain_emit_latency_from_event_seconds";
        assertEquals(0.0, bucket(fromEvent, Scope.ENTERPRISE, "update", "5.0"));
        assertEquals(1.0, bucket(fromEvent, Scope.ENTERPRISE, "update", "10.0"));
        assertEquals(0.0, bucket(fromEvent, Scope.ENTERPRISE, "final", "+Inf"));
        String fromIngest = "brain_emit_latency_from_ingest_seconds";
        assertEquals(0.0, bucket(fromIngest, Scope.ENTERPRISE, "update", "0.25"));
        assertEquals(1.0, bucket(fromIngest, Scope.ENTERPRISE, "update", "0.5"));
        assertEquals(8.0, new PrometheusText(registry.scrape()).require(fromEvent + "_sum", "scope", "ENTERPRISE", "kind", "update"), 1e-9);
    }

    @Test
    void aFinalGoesToItsKindAndScopeAndAMissingTimeIsNotObserved() {
        // a roll-up written before lastIngestTime existed: only the event latency, 11 minutes
        latency.accept(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 5, true, "2026-03-01T11:10:00Z")
                .setLastEventTime(Instant.parse("2026-03-01T10:59:00Z")).build());

        assertEquals(0.0, bucket("brain_emit_latency_from_event_seconds", Scope.REGION, "final", "600.0"));
        assertEquals(1.0, bucket("brain_emit_latency_from_event_seconds", Scope.REGION, "final", "900.0"));
        assertEquals(0.0, bucket("brain_emit_latency_from_ingest_seconds", Scope.REGION, "final", "+Inf"));
    }

    @Test
    void recordsEmittedBeforeTheStartAreNotObservedAgain() {
        latency.accept(record(Scope.ENTERPRISE, "E1", "2026-03-01T09:00:00Z", 1, true, "2026-03-01T09:59:59Z")
                .setLastEventTime(Instant.parse("2026-03-01T09:59:00Z")).build());

        assertEquals(0.0, bucket("brain_emit_latency_from_event_seconds", Scope.ENTERPRISE, "final", "+Inf"));
    }

    @Test
    void anEventTimeAheadOfTheEmissionCountsAsNoLatency() {
        latency.accept(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z")
                .setLastEventTime(Instant.parse("2026-03-01T10:03:00Z")).build());

        assertEquals(1.0, bucket("brain_emit_latency_from_event_seconds", Scope.ENTERPRISE, "update", "0.5"));
    }
}
