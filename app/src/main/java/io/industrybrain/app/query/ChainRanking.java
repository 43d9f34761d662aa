package io.industrybrain.app.query;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The enterprises of an industry chain ranked by one indicator in one window: a dashboard's top or bottom N.
 * The chain's enterprises are those {@code brain.enterprises} puts in it now (the chain its roll-up files them
 * under), each with its record of the window, final or not.
 *
 * <p>The order is total, so that pages and refreshes agree: by value (highest first for {@link Order#TOP},
 * lowest first for {@link Order#BOTTOM}), equal values by enterprise id, and enterprises whose value is null
 * (a ratio with a zero denominator) last in either order, by enterprise id. Ranks are positions, 1, 2, ...: ties
 * do not share one.
 */
final class ChainRanking {

    enum Order { TOP, BOTTOM }

    /** The chain, the window or the records asked for are not in the view. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** One enterprise's place; value null when its record has none. */
    record Place(int rank, Enterprise enterprise, MetricRecord record, Double value) { }

    /**
     * @param ranked       the chain's enterprises with a record in the window
     * @param withoutValue how many of those have a null value, ranked last
     * @param places       the first {@code limit} of them in the order
     */
    record Ranking(String chain, String metric, Order order, Instant windowStart, Instant windowEnd, int ranked,
                   int withoutValue, List<Place> places) { }

    private final MetricsView view;
    private final EnterpriseDirectory directory;

    ChainRanking(MetricsView view, EnterpriseDirectory directory) {
        this.view = view;
        this.directory = directory;
    }

    /**
     * @param metric      an indicator field of MetricRecord
     * @param windowStart the window; absent: the newest window in which an enterprise of the chain has a record
     */
    Ranking rank(String chain, String metric, Order order, int limit, Optional<Instant> windowStart) {
        SortedSet<String> members = directory.enterprisesOf(chain);
        if (members.isEmpty()) {
            throw new NotFound("no enterprises of industry chain " + chain + " in the reference data");
        }
        Instant window = windowStart.orElseGet(() -> members.stream()
                .flatMap(id -> view.newestWindowStart(Scope.ENTERPRISE, id).stream())
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new NotFound("no records of enterprises of industry chain " + chain)));
        List<Place> unranked = new ArrayList<>();
        for (String id : members) {
            view.window(Scope.ENTERPRISE, id, window).ifPresent(record -> directory.enterprise(id).ifPresent(enterprise ->
                    unranked.add(new Place(0, enterprise, record, value(record, metric)))));
        }
        if (unranked.isEmpty()) {
            throw new NotFound("no records of enterprises of industry chain " + chain + " in the window starting " + window);
        }
        Comparator<Double> byValue = order == Order.TOP ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<Place> sorted = unranked.stream()
                .sorted(Comparator.comparing(Place::value, Comparator.nullsLast(byValue))
                        .thenComparing(place -> place.enterprise().getEnterpriseId()))
                .toList();
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, sorted.size()); i++) {
            Place place = sorted.get(i);
            places.add(new Place(i + 1, place.enterprise(), place.record(), place.value()));
        }
        int withoutValue = (int) sorted.stream().filter(place -> place.value() == null).count();
        return new Ranking(chain, metric, order, window, sorted.get(0).record().getWindowEnd(), sorted.size(), withoutValue, places);
    }

    /** A count, sum or ratio as a number to compare; NaN is no value, as the API shows it (null). */
    private static Double value(MetricRecord record, String metric) {
        Object value = record.get(metric);
        if (value == null) {
            return null;
        }
        double number = ((Number) value).doubleValue();
        return Double.isNaN(number) || Double.isInfinite(number) ? null : number;
    }
}
