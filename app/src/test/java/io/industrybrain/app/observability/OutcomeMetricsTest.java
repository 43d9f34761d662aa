package io.industrybrain.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.app.query.ClusterOutcomes;
import io.industrybrain.app.query.LedgerRows;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.industrybrain.topics.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeMetricsTest {

    private final OutcomeCounters counters = new OutcomeCounters();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClusterOutcomes cluster = new ClusterOutcomes("industry-brain", counters, new TopicNames(""));
    private final OutcomeMetrics metrics = new OutcomeMetrics(counters, cluster, new TopicNames(""));

    private PrometheusText scrape() {
        metrics.refresh();
        return new PrometheusText(registry.scrape());
    }

    @Test
    void everyOutcomeThisInstanceDecidedIsASeries() {
        metrics.bindTo(registry);
        // Given telemetry: 6 read. Intake rejects 1 INVALID and 1 UNKNOWN_ENTERPRISE and forwards 4;
        // the window stage accepts 1, drops 1 duplicate, dead-letters 1 LATE.
        counters.rejectedAtIntake("brain.telemetry", DeadLetterReason.INVALID);
        counters.rejectedAtIntake("brain.telemetry", DeadLetterReason.UNKNOWN_ENTERPRISE);
        for (int i = 0; i < 4; i++) {
            counters.forwardedAtIntake("brain.telemetry");
        }
        counters.accepted("brain.telemetry");
        counters.duplicate("brain.telemetry");
        counters.late("brain.telemetry");
        // and reference data: 2 applied, 1 not decodable
        counters.referenceApplied("brain.enterprises");
        counters.referenceApplied("brain.enterprises");
        counters.referenceIgnored("brain.enterprises", DeadLetterReason.DESERIALIZATION);

        PrometheusText text = scrape();

        String t = "brain.telemetry";
        assertEquals(6.0, text.require("brain_input_records_consumed_total", "topic", t));
        assertEquals(1.0, text.require("brain_input_records_settled_total", "topic", t, "outcome", "accepted"));
        assertEquals(1.0, text.require("brain_input_records_settled_total", "topic", t, "outcome", "duplicate"));
        assertEquals(3.0, text.require("brain_input_records_settled_total", "topic", t, "outcome", "dead_lettered"));
        assertEquals(0.0, text.require("brain_input_records_settled_total", "topic", t, "outcome", "ignored"));
        assertEquals(1.0, text.require("brain_dead_letters_total", "topic", t, "reason", "INVALID"));
        assertEquals(1.0, text.require("brain_dead_letters_total", "topic", t, "reason", "UNKNOWN_ENTERPRISE"));
        assertEquals(1.0, text.require("brain_dead_letters_total", "topic", t, "reason", "LATE"));
        assertEquals(0.0, text.require("brain_dead_letters_total", "topic", t, "reason", "DESERIALIZATION"));

        String e = "brain.enterprises";
        assertEquals(3.0, text.require("brain_input_records_consumed_total", "topic", e));
        assertEquals(2.0, text.require("brain_input_records_settled_total", "topic", e, "outcome", "accepted"));
        assertEquals(1.0, text.require("brain_input_records_settled_total", "topic", e, "outcome", "ignored"));
    }

    @Test
    void aKnownTopicHasZeroSeriesBeforeItsFirstRecordAndANewTopicGetsItsOwnAtTheNextScrape() {
        metrics.bindTo(registry);
        assertEquals(0.0, scrape().require("brain_input_records_consumed_total", "topic", "brain.shifts"));

        counters.referenceApplied("brain.targets");

        PrometheusText text = scrape();
        assertEquals(1.0, text.require("brain_input_records_consumed_total", "topic", "brain.targets"));
        assertEquals(1.0, text.require("brain_input_records_settled_total", "topic", "brain.targets", "outcome", "accepted"));
    }

    @Test
    void theLedgerIsTheClustersTotalsOnceReadToItsEnd() {
        metrics.bindTo(registry);
        // Given the ledger says: telemetry, intake tasks 0 and 1 read 6; 2 rejected, 4 forwarded; the window stage
        // accepted 1, dropped 1 duplicate, dead-lettered 1 LATE; 1 is in flight
        cluster.apply("industry-brain/intake/0", LedgerRows.intake(0, "brain.telemetry", 3, Map.of("INVALID", 1L)));
        cluster.apply("industry-brain/intake/1", LedgerRows.intake(1, "brain.telemetry", 1, Map.of("UNKNOWN_ENTERPRISE", 1L)));
        cluster.apply("industry-brain/window/0/0", LedgerRows.window(0, 0, "brain.telemetry", 1, 1, 0));
        cluster.apply("industry-brain/window/1/0", LedgerRows.window(1, 0, "brain.telemetry", 0, 0, 1));
        String t = "brain.telemetry";

        PrometheusText reading = scrape();
        assertEquals(0.0, reading.require("brain_ledger_current"));
        assertEquals(0.0, reading.require("brain_ledger_records", "topic", t, "outcome", "consumed"));

        cluster.caughtUp();
        PrometheusText text = scrape();
        assertEquals(1.0, text.require("brain_ledger_current"));
        assertEquals(6.0, text.require("brain_ledger_records", "topic", t, "outcome", "consumed"));
        assertEquals(1.0, text.require("brain_ledger_records", "topic", t, "outcome", "accepted"));
        assertEquals(1.0, text.require("brain_ledger_records", "topic", t, "outcome", "duplicate"));
        assertEquals(3.0, text.require("brain_ledger_records", "topic", t, "outcome", "dead_lettered"));
        assertEquals(1.0, text.require("brain_ledger_records", "topic", t, "outcome", "in_flight"));
        assertEquals(0.0, text.require("brain_ledger_records", "topic", "brain.shifts", "outcome", "consumed"));
        // this instance processed none of it: its own series stay at zero
        assertEquals(0.0, text.require("brain_input_records_consumed_total", "topic", t));
    }

    @Test
    void aScrapeReadsTheSnapshotOfItsRefresh() {
        metrics.bindTo(registry);
        counters.forwardedAtIntake("brain.shifts");
        metrics.refresh();
        // Given the window stage settles the record after the refresh, while the scrape is being written
        counters.accepted("brain.shifts");

        PrometheusText text = new PrometheusText(registry.scrape());

        assertEquals(1.0, text.require("brain_input_records_consumed_total", "topic", "brain.shifts"));
        assertEquals(0.0, text.require("brain_input_records_settled_total", "topic", "brain.shifts", "outcome", "accepted"));
    }
}
