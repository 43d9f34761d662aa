package io.industrybrain.app.query;

import static io.industrybrain.app.query.MetricRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.industrybrain.app.query.ChainRanking.Order;
import io.industrybrain.schema.Scope;
import io.industrybrain.streams.topology.Events;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rankings of a chain's enterprises on a view and a directory filled by hand, the orders worked out by hand. */
class ChainRankingTest {

    private static final Instant TEN = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-03-01T11:00:00Z");

    private final MetricsView view = new MetricsView();
    private final EnterpriseDirectory directory = new EnterpriseDirectory();
    private final ChainRanking ranking = new ChainRanking(view, directory);

    @BeforeEach
    void fleet() {
        for (String id : List.of("E1", "E2", "E3", "E4", "E6")) {
            directory.apply(id, Events.enterprise(id, "IC", "HZ", true, 100));
        }
        directory.apply("E5", Events.enterprise("E5", "SW", "NB", true, 100));
        // 10:00: E2 and E3 tie, E4 produced nothing measurable, E6 sent nothing; E5 is of another chain
        view.add(record(Scope.ENTERPRISE, "E1", TEN.toString(), 5, true, "2026-03-01T11:10:00Z").setAddedValueCny(30_000.0).setGoodUnits(7L).build());
        view.add(record(Scope.ENTERPRISE, "E2", TEN.toString(), 4, true, "2026-03-01T11:10:00Z").setAddedValueCny(20_000.0).setGoodUnits(9L).build());
        view.add(record(Scope.ENTERPRISE, "E3", TEN.toString(), 3, true, "2026-03-01T11:10:00Z").setAddedValueCny(20_000.0).setGoodUnits(1L).build());
        view.add(record(Scope.ENTERPRISE, "E4", TEN.toString(), 2, true, "2026-03-01T11:10:00Z").build());
        view.add(record(Scope.ENTERPRISE, "E5", TEN.toString(), 2, true, "2026-03-01T11:10:00Z").setAddedValueCny(90_000.0).build());
        // 11:00, still open: only E1 so far
        view.add(record(Scope.ENTERPRISE, "E1", ELEVEN.toString(), 1, false, "2026-03-01T11:05:00Z").setAddedValueCny(1_000.0).build());
    }

    private static List<String> places(ChainRanking.Ranking ranked) {
        return ranked.places().stream().map(p -> p.rank() + " " + p.enterprise().getEnterpriseId() + " " + p.value()).toList();
    }

    @Test
    void topIsHighestFirstEqualValuesByIdAndNullsLast() {
        ChainRanking.Ranking top = ranking.rank("IC", "addedValueCny", Order.TOP, 10, Optional.of(TEN));

        assertEquals(List.of("1 E1 30000.0", "2 E2 20000.0", "3 E3 20000.0", "4 E4 null"), places(top));
        assertEquals(List.of(4, 1, TEN, ELEVEN), List.of(top.ranked(), top.withoutValue(), top.windowStart(), top.windowEnd()));
    }

    @Test
    void bottomIsLowestFirstEqualValuesStillByIdAndNullsStillLast() {
        assertEquals(List.of("1 E2 20000.0", "2 E3 20000.0", "3 E1 30000.0", "4 E4 null"),
                places(ranking.rank("IC", "addedValueCny", Order.BOTTOM, 10, Optional.of(TEN))));
    }

    @Test
    void theLimitCutsThePlacesNotTheCount() {
        ChainRanking.Ranking top2 = ranking.rank("IC", "addedValueCny", Order.TOP, 2, Optional.of(TEN));

        assertEquals(List.of("1 E1 30000.0", "2 E2 20000.0"), places(top2));
        assertEquals(4, top2.ranked());
    }

    @Test
    void countsRankAsNumbers() {
        assertEquals(List.of("1 E2 9.0", "2 E1 7.0", "3 E3 1.0", "4 E4 null"),
                places(ranking.rank("IC", "goodUnits", Order.TOP, 10, Optional.of(TEN))));
    }

    @Test
    void withoutAWindowTheNewestWindowOfAnyEnterpriseOfTheChain() {
        ChainRanking.Ranking newest = ranking.rank("IC", "addedValueCny", Order.TOP, 10, Optional.empty());

        assertEquals(ELEVEN, newest.windowStart());
        assertEquals(List.of("1 E1 1000.0"), places(newest));
    }

    @Test
    void anEnterpriseMovedToAnotherChainIsRankedThereOnly() {
        directory.apply("E2", Events.enterprise("E2", "SW", "HZ", true, 100));

        assertEquals(List.of("1 E1 30000.0", "2 E3 20000.0", "3 E4 null"),
                places(ranking.rank("IC", "addedValueCny", Order.TOP, 10, Optional.of(TEN))));
        assertEquals(List.of("1 E5 90000.0", "2 E2 20000.0"), places(ranking.rank("SW", "addedValueCny", Order.TOP, 10, Optional.of(TEN))));
    }

    @Test
    void anUnknownChainOrAWindowWithoutRecordsIsNotFound() {
        assertEquals("no enterprises of industry chain XX in the reference data",
                assertThrows(ChainRanking.NotFound.class, () -> ranking.rank("XX", "addedValueCny", Order.TOP, 10, Optional.empty())).getMessage());
        assertEquals("no records of enterprises of industry chain IC in the window starting 2026-03-01T09:00:00Z",
                assertThrows(ChainRanking.NotFound.class, () -> ranking.rank("IC", "addedValueCny", Order.TOP, 10,
                        Optional.of(Instant.parse("2026-03-01T09:00:00Z")))).getMessage());
        directory.apply("E7", Events.enterprise("E7", "DS", "HZ", true, 100));
        assertEquals("no records of enterprises of industry chain DS",
                assertThrows(ChainRanking.NotFound.class, () -> ranking.rank("DS", "addedValueCny", Order.TOP, 10, Optional.empty())).getMessage());
    }
}
