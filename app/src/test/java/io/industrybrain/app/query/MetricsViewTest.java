package io.industrybrain.app.query;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetricsViewTest {

    private static final Instant ALL_TIME = Instant.MIN;
    private static final Instant ALL_TIME_END = Instant.MAX;

    private final MetricsView view = new MetricsView(4, 2);

    private static List<Long> revisions(List<MetricRecord> records) {
        return records.stream().map(MetricRecord::getRevision).toList();
    }

    private static List<String> windows(List<MetricRecord> records) {
        return records.stream().map(r -> r.getWindowStart().toString()).toList();
    }

    @Test
    void theHighestRevisionOfAWindowIsKeptWhateverTheReadOrder() {
        // Given the final (revision 3) read before the last update (revision 2) of the same window
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:05:00Z").build());
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 3, true, "2026-03-01T11:10:00Z").build());
        view.add(record(Scope.REGION, "HZ", "2026-03-01T10:00:00Z", 2, false, "2026-03-01T10:59:00Z").build());

        List<MetricRecord> kept = view.windows(Scope.REGION, "HZ", ALL_TIME, ALL_TIME_END, 10).orElseThrow();

        assertEquals(List.of(3L), revisions(kept));
        assertTrue(kept.get(0).getFinal$());
    }

    @Test
    void historyIsNewestFirstLimitedAndBoundedPerScope() {
        for (int hour = 10; hour <= 15; hour++) {
            view.add(record(Scope.PROVINCE, "ZJ", "2026-03-01T" + hour + ":00:00Z", 1, true, "2026-03-01T" + (hour + 1) + ":10:00Z").build());
            view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T" + hour + ":00:00Z", 1, true, "2026-03-01T" + (hour + 1) + ":10:00Z").build());
        }

        // 4 roll-up windows and 2 enterprise windows kept, the newest
        assertEquals(List.of("2026-03-01T15:00:00Z", "2026-03-01T14:00:00Z", "2026-03-01T13:00:00Z", "2026-03-01T12:00:00Z"),
                windows(view.windows(Scope.PROVINCE, "ZJ", ALL_TIME, ALL_TIME_END, 10).orElseThrow()));
        assertEquals(List.of("2026-03-01T15:00:00Z", "2026-03-01T14:00:00Z"), windows(view.windows(Scope.ENTERPRISE, "E1", ALL_TIME, ALL_TIME_END, 10).orElseThrow()));
        assertEquals(List.of("2026-03-01T15:00:00Z", "2026-03-01T14:00:00Z"), windows(view.windows(Scope.PROVINCE, "ZJ", ALL_TIME, ALL_TIME_END, 2).orElseThrow()));
        // a window older than those kept is dropped on arrival
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T09:00:00Z", 9, true, "2026-03-01T16:00:00Z").build());
        assertEquals(List.of("2026-03-01T15:00:00Z", "2026-03-01T14:00:00Z"), windows(view.windows(Scope.ENTERPRISE, "E1", ALL_TIME, ALL_TIME_END, 10).orElseThrow()));
        assertEquals(Optional.empty(), view.windows(Scope.PROVINCE, "XX", ALL_TIME, ALL_TIME_END, 10));
        assertEquals(Optional.empty(), view.windows(Scope.REGION, "ZJ", ALL_TIME, ALL_TIME_END, 10), "scopeIds are per scope");
    }

    @Test
    void latestIsTheNewestWindowOfEachScopeIdAndLatestFinalsTheNewestClosedOne() {
        view.add(record(Scope.INDUSTRY_CHAIN, "TEXTILES", "2026-03-01T10:00:00Z", 5, true, "2026-03-01T11:10:00Z").build());
        view.add(record(Scope.INDUSTRY_CHAIN, "TEXTILES", "2026-03-01T11:00:00Z", 2, false, "2026-03-01T11:20:00Z").build());
        view.add(record(Scope.INDUSTRY_CHAIN, "AUTO_PARTS", "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:20:00Z").build());

        assertEquals(List.of("AUTO_PARTS 2026-03-01T10:00:00Z", "TEXTILES 2026-03-01T11:00:00Z"),
                view.latest(Scope.INDUSTRY_CHAIN, null, 100).stream().map(r -> r.getScopeId() + " " + r.getWindowStart()).toList());
        assertEquals(List.of("TEXTILES 2026-03-01T10:00:00Z"),
                view.latestFinals(Scope.INDUSTRY_CHAIN).stream().map(r -> r.getScopeId() + " " + r.getWindowStart()).toList());
        assertEquals(new TreeSet<>(Set.of("AUTO_PARTS", "TEXTILES")), view.scopeIds(Scope.INDUSTRY_CHAIN));
        assertEquals(0, view.scopeIdCount(Scope.ENTERPRISE));
    }

    @Test
    void theLastFinalTimeIsTheLatestEmittedAtOfAFinalPerScope() {
        view.add(record(Scope.ENTERPRISE, "E1", "2026-03-01T10:00:00Z", 4, true, "2026-03-01T11:10:02Z").build());
        view.add(record(Scope.ENTERPRISE, "E2", "2026-03-01T10:00:00Z", 4, true, "2026-03-01T11:10:01Z").build());
        view.add(record(Scope.ENTERPRISE, "E2", "2026-03-01T11:00:00Z", 1, false, "2026-03-01T11:30:00Z").build());

        assertEquals(Map.of(Scope.ENTERPRISE, Instant.parse("2026-03-01T11:10:02Z")), view.lastFinalEmittedAt());
    }

    @Test
    void targetsAreKeptPerMetricOfTheirKeyAndATombstoneRemovesTheKeysTargets() {
        MetricTarget digitized = new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.8, LocalDate.parse("2025-12-31"), null, null);
        MetricTarget productivity = new MetricTarget(Scope.PROVINCE, "ZJ", "annualizedLaborProductivity", 22.0, null, null, null);
        MetricTarget revised = new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.85, null, null, null);
        view.target("PROVINCE:ZJ", digitized);
        view.target("PROVINCE:ZJ", productivity);
        view.target("PROVINCE:ZJ", revised);
        view.target("REGION:HZ", new MetricTarget(Scope.REGION, "HZ", "cloudAdoptionRate", 0.9, null, null, null));
        view.target("REGION:HZ", null);

        assertEquals(List.of(productivity, revised), view.targets());
    }

    @Test
    void windowsOfATimeRangeAreThoseStartingFromItsStartUpToButExcludingItsEnd() {
        for (String hour : List.of("10", "11", "12", "13")) {
            view.add(record(Scope.REGION, "HZ", "2026-03-01T" + hour + ":00:00Z", 1, false, "2026-03-01T14:00:00Z").build());
        }

        assertEquals(List.of("2026-03-01T12:00:00Z", "2026-03-01T11:00:00Z"), windows(view.windows(Scope.REGION, "HZ",
                Instant.parse("2026-03-01T10:30:00Z"), Instant.parse("2026-03-01T13:00:00Z"), 10).orElseThrow()));
        assertEquals(List.of("2026-03-01T13:00:00Z"), windows(view.windows(Scope.REGION, "HZ",
                Instant.parse("2026-03-01T11:00:00Z"), ALL_TIME_END, 1).orElseThrow()), "newest first, at most the limit");
        assertEquals(List.of(), view.windows(Scope.REGION, "HZ", Instant.parse("2026-03-01T13:00:00Z"),
                Instant.parse("2026-03-01T13:00:00Z"), 10).orElseThrow(), "an empty range of a known scopeId");
        assertEquals(Optional.of(record(Scope.REGION, "HZ", "2026-03-01T11:00:00Z", 1, false, "2026-03-01T14:00:00Z").build()),
                view.window(Scope.REGION, "HZ", Instant.parse("2026-03-01T11:00:00Z")));
        assertEquals(Optional.empty(), view.window(Scope.REGION, "HZ", Instant.parse("2026-03-01T09:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-03-01T13:00:00Z")), view.newestWindowStart(Scope.REGION, "HZ"));
        assertEquals(Optional.empty(), view.newestWindowStart(Scope.REGION, "NB"));
    }

    @Test
    void theLatestOfEachScopeIdComeInPagesByScopeId() {
        for (String id : List.of("E3", "E1", "E4", "E2")) {
            view.add(record(Scope.ENTERPRISE, id, "2026-03-01T10:00:00Z", 1, false, "2026-03-01T10:01:00Z").build());
        }

        assertEquals(List.of("E1", "E2"), view.latest(Scope.ENTERPRISE, null, 2).stream().map(MetricRecord::getScopeId).toList());
        assertEquals(List.of("E3", "E4"), view.latest(Scope.ENTERPRISE, "E2", 2).stream().map(MetricRecord::getScopeId).toList());
        assertEquals(List.of("E3", "E4"), view.latest(Scope.ENTERPRISE, "E2x", 5).stream().map(MetricRecord::getScopeId).toList(),
                "a page after a scopeId gone meanwhile begins at the next one");
        assertEquals(List.of(), view.latest(Scope.ENTERPRISE, "E4", 2));
    }
}
