/**
 * The period stage: the plan's days, months, quarters and years, on the compacted topic {@code brain.metrics.periods},
 * one record per (period, scope, scopeId, first day) that is never deleted, built from the enterprises' window finals.
 *
 * <h2>Shape</h2>
 * Periods are the calendar of {@code period.zone} ({@link io.industrybrain.streams.topology.PeriodCalendar}): a window
 * belongs to the day, month, quarter and year holding its start. When an enterprise's window closes in its
 * window-stage partition, {@code EnterprisePeriodAccumulator} adds the window's sums to the enterprise's sums over
 * those four periods (one record per enterprise), and each of the window's devices to the device's record of them
 * (one record per device): a period counts a device once, with the NC and cloud flags of its highest seq in the
 * period, and the union of the key processes digitized in its windows, exactly as a window does with its samples and
 * heartbeats. The partition sends each closing enterprise's four period sums, then the same progress marker it sends
 * the roll-up stage, through {@code <application.id>-enterprise-metrics-periods-by-year-repartition}, keyed by the
 * first day of the year (markers to every partition), into {@link io.industrybrain.streams.topology.period.PeriodAggregator}.
 * A year's periods therefore meet in one task: a province's 30,000 enterprises send it 30,000 small records an hour.
 *
 * <h2>When a period record is published, and when it is final</h2>
 * The period stage holds an enterprise's sums for window W until every window-stage partition has closed W (the
 * smallest of their markers, as in the roll-up stage: see the package {@code rollup} for why a partition's records
 * precede its marker and why the smallest marker never goes back). Then they replace the enterprise's earlier sums in
 * each of the four periods, and every period they changed is published: the enterprises whose sums changed, and every
 * roll-up recomputed from all the period's enterprises, in enterpriseId order, never from an earlier roll-up, so a
 * replaced contribution is never counted twice. A period is covered up to the end of its latest window final
 * everywhere ({@code coveredUntil}), which is what {@code annualizedLaborProductivity} annualizes over. Once the last
 * window of a period is final everywhere, every record of the period is published once more with {@code final} true
 * and the period's state is deleted: no record of it can come later, for the same reason no window record can.
 *
 * <h2>Filing</h2>
 * An enterprise's period sums are filed under the chain and region of its latest closing record in the period, so
 * a move shows in the period roll-ups from the enterprise's next closed window on, with all its sums of the period.
 * The registered counts beside every record ({@code registeredEnterprises}, {@code coverage}) follow the enterprise's
 * current reference data ({@link io.industrybrain.streams.topology.registered.RegisteredEnterprises}).
 *
 * <h2>History</h2>
 * Every instance keeps its own copy of the compacted topic in a persistent global store
 * ({@link io.industrybrain.streams.topology.TopologyNames#PERIOD_RECORDS_STORE}), which the query API reads: the
 * whole history, from disk, on every instance.
 */
package io.industrybrain.streams.topology.period;
