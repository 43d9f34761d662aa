package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.window.OpenWindows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the window stage reports for the app's gauges and latency histograms: open windows and lastIngestTime. */
class OpenWindowsAndIngestTimeTest {

    @TempDir
    Path stateDir;
    private EnterpriseMetricsHarness harness;

    @BeforeEach
    void start() {
        harness = new EnterpriseMetricsHarness(stateDir);
        harness.enterprise(Events.enterprise("E1", true, 100));
        harness.enterprise(Events.enterprise("E2", false, 10));
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + "Z");
    }

    private void sample(String device, String enterprise, long seq, String eventTime, String ingestTime) {
        harness.publishAt(harness.topics.telemetry(), device, Events.sample(device, enterprise, seq, at(eventTime)), at(ingestTime));
    }

    @Test
    void openWindowsCountEachEnterpriseWindowUntilItsFinalAndTheOldestStart() {
        // Given E1 and E2 in the 10:00 window, E1 also in the 11:00 window (stream time 11:05, before 10:00 closes at 11:10)
        sample("D1", "E1", 1, "10:05:00", "10:06:00");
        sample("D2", "E2", 1, "10:10:00", "10:11:00");
        sample("D1", "E1", 2, "11:05:00", "11:06:00");
        assertEquals(new OpenWindows.Snapshot(3, 2, OptionalLong.of(at("10:00:00").toEpochMilli())), harness.openWindows.snapshot());

        // When stream time reaches 11:10 = 11:00 + 10 min grace, the 10:00 window closes for both enterprises
        sample("D2", "E2", 2, "11:10:00", "11:11:00");

        assertEquals(2, harness.finals.readValuesToList().size());
        assertEquals(new OpenWindows.Snapshot(2, 1, OptionalLong.of(at("11:00:00").toEpochMilli())), harness.openWindows.snapshot());
    }

    @Test
    void aClosedTaskIsForgotten() {
        sample("D1", "E1", 1, "10:05:00", "10:06:00");
        assertEquals(1, harness.openWindows.snapshot().enterpriseWindows());

        harness.close();
        OpenWindows afterClose = harness.openWindows;
        harness = null;

        assertEquals(new OpenWindows.Snapshot(0, 0, OptionalLong.empty()), afterClose.snapshot());
    }

    @Test
    void lastIngestTimeIsTheLatestKafkaTimestampCountedWhateverTheArrivalOrder() {
        // Given a sample ingested at 10:50, then one with a later eventTime but an earlier timestamp (a slow gateway's clock)
        sample("D1", "E1", 1, "10:05:00", "10:50:00");
        sample("D1", "E1", 2, "10:20:00", "10:45:00");
        // When a duplicate ingested later still arrives
        sample("D1", "E1", 2, "10:20:00", "10:59:00");
        // And the window closes
        sample("D2", "E2", 1, "11:10:00", "11:10:30");

        MetricRecord last = harness.updates.readValuesToList().stream()
                .filter(r -> r.getScopeId().equals("E1")).reduce((a, b) -> b).orElseThrow();
        assertEquals(at("10:50:00"), last.getLastIngestTime(), "a duplicate is not counted, so its timestamp is not either");
        MetricRecord finalRecord = harness.finals.readValue();
        assertEquals("E1", finalRecord.getScopeId());
        assertEquals(at("10:50:00"), finalRecord.getLastIngestTime());
        assertTrue(harness.finals.isEmpty());
    }
}
