/**
 * The roll-up stage: INDUSTRY_CHAIN, REGION and PROVINCE ({@code ZJ}) records from the ENTERPRISE records, the
 * ENTERPRISE finals with their chain percentiles, and when a window is final.
 *
 * <h2>Shape</h2>
 * Each partition p of the window stage (the by-enterprise topic; {@code partitions} of them, a fixed number N)
 * emits, in this order, the ENTERPRISE records of its enterprises (updates; when its stream time closes a window,
 * a pending update and then the <em>closing record</em>), and after each step of stream time that closed windows a
 * mark {@code WindowsClosed(p, s)}: every window starting at or before s is closed in p. All of it goes through
 * {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}, keyed by window start, so that every
 * record of a window meets in one roll-up task; marks go to every partition of that topic (a multicast
 * {@code StreamPartitioner}). A window's roll-ups are computed in one task: the province needs every enterprise
 * anyway, and the chain percentiles the whole chain.
 *
 * <h2>Exact under revision</h2>
 * The contributions store holds, per window and enterprise, the enterprise's latest record: a new record replaces
 * the old one. A roll-up is never incremented; whenever it is published it is recomputed from the window's stored
 * contributions ({@link io.industrybrain.streams.topology.rollup.RollupCalculator}, ratios by
 * {@link io.industrybrain.streams.topology.MetricFormulas}, the ENTERPRISE formulas). So a revised record (a late
 * event in grace, a dropped duplicate, employees changed before the close) replaces its predecessor and cannot
 * count twice, and the numbers do not depend on arrival order: sums run in enterpriseId order. The cost is a scan of
 * the window's contributions per publication: at most once per {@code update.interval} per window with changes,
 * and once for the final. "Latest" is well defined because all of an enterprise's records come from one partition,
 * and one partition's records reach each roll-up partition in the order it produced them: one task sends them
 * through one producer in order, exactly-once transactions commit in order, and a task that moves resumes from its
 * last commit with a producer that fences the old one.
 *
 * <h2>When a window is final</h2>
 * {@link io.industrybrain.streams.topology.rollup.AggregatorWatermarks} keeps each partition's latest mark. Window
 * W is final in its roll-up task when the smallest mark over all N partitions has reached W's start; then the task
 * publishes every enterprise's closing record as its final (chain percentiles added, revision unchanged, so it
 * continues the enterprise's update sequence), any pending roll-up update, one final per roll-up, and deletes the
 * window's state, all in one transaction. Why this is complete and happens once:
 * <ol>
 *   <li>Enterprise E lives in one partition p(E). p sends {@code WindowsClosed(p, s >= W)} only after closing W,
 *       and closing W first sends E's pending update and closing record: they precede the mark.</li>
 *   <li>Once p has closed W its stream time is past W's end + grace for good (it is persisted and only moves
 *       forward), so every later event of W is LATE at the gate: p sends nothing more for W.</li>
 *   <li>So when every partition's mark has passed W, the task holds every record of W there will ever be, and each
 *       enterprise's latest is its closing record (checked: anything else fails the task as a bug).</li>
 *   <li>The smallest mark never goes back (marks are kept as a maximum per partition; a restarted partition repeats
 *       its last one), the window's state is gone after its final, and a record of it arriving later is impossible
 *       by 2 (it would fail the task rather than publish a second final). State stores are changelogged: a crash
 *       before the commit redoes the work, a crash after it finds the window already gone.</li>
 * </ol>
 *
 * <h2>Every partition closes windows, even without events</h2>
 * A window-stage partition's stream time is the low watermark of the intake tasks, which send their progress to
 * every partition every second; so a partition none of whose enterprises reported still closes windows and sends
 * its marks, and finals do not wait for it. An intake task that admits nothing for 30 s is not waited for (see the
 * topology's package-info); only when every intake task is idle does stream time, and so every final, wait for the
 * next event. There is deliberately no timer on the roll-up stage itself: its finals follow the marks, so they are
 * exact and one per key whatever the processing speed. The partition count is part of the state layout and stays
 * fixed: the app refuses to start when {@code partitions} differs from the by-enterprise topic's count.
 *
 * <h2>Re-homing</h2>
 * Every ENTERPRISE record carries the chain and region the reference data gives the enterprise when the record is
 * computed; the roll-up files the enterprise's contribution under the latest of them. A move therefore shows in
 * the roll-ups with the enterprise's next record of each open window (its next counted event or dropped duplicate,
 * or its closing record) and always in the final of a window still open in the enterprise's partition when the
 * move arrived. The whole contribution moves, not only the events after the move. Windows already closed in its
 * partition keep the grouping of their closing record. Updates already published are not withdrawn: each was true
 * of its revision; the next revision of the old roll-up no longer holds the enterprise and the next revision of the
 * new one holds all of it. A roll-up left with no enterprise publishes that (0 enterprises, suppressed) and still
 * gets its final, so every key with updates has one final. An enterprise deleted from the reference data keeps
 * the chain and region of its last record.
 *
 * <h2>Chain percentiles</h2>
 * On each ENTERPRISE final, for annualizedLaborProductivity, availability and digitizedProcessRatio: among the
 * members of its chain at close that have a value, the percent whose value is at or below its own,
 * {@code 100 * #{x <= v} / n} ({@link io.industrybrain.streams.topology.rollup.ChainPercentiles}). Ties share the
 * higher rank; an enterprise without a value gets no entry and does not count in n; a metric with n below
 * {@code min.group.size} gets no entry for anyone (so a chain of fewer enterprises has no percentiles at all).
 *
 * <h2>Suppression</h2>
 * A roll-up of fewer than {@code min.group.size} enterprises is published with {@code suppressed} true, its
 * {@code enterprises} count and its completeness fields (revision, final, lateEventsInGrace, duplicatesDropped,
 * lastEventTime, emittedAt) kept, and every other indicator null: sums of one or two enterprises reveal them as
 * much as ratios do. Its target gaps are then empty. ENTERPRISE records are never suppressed.
 *
 * <h2>Updates</h2>
 * As in the window stage: a changed contribution marks the roll-ups whose numbers it changes pending (in the groups
 * store, so the mark survives a restart); pending roll-ups are published every {@code update.interval}, at once when
 * it is zero, and before the final. A contribution that changes nothing a roll-up reads (a closing record equal to
 * the last update) publishes nothing; one that only changes chain or region touches just the roll-ups it leaves and
 * joins.
 */
package io.industrybrain.streams.topology.rollup;
