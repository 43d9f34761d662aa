/**
 * The roll-up stage: INDUSTRY_CHAIN, REGION and PROVINCE ({@code ZJ}) records from the ENTERPRISE records, the
 * ENTERPRISE finals with their chain percentiles, and when a window is final.
 *
 * <h2>Shape</h2>
 * Each partition p of the window stage (the by-enterprise topic; {@code partitions} of them, a fixed number N)
 * sends, in this order: every {@code update.interval}, for each roll-up whose sums over p's enterprises changed,
 * its <em>partial</em> ({@code GroupPartial}: the additive fields of p's members, {@code MetricSums}); when its stream
 * time closes a window, each enterprise's <em>closing record</em> ({@code EnterpriseClosing}); and then a progress
 * mark: every window starting at or before s is closed in p. All of it goes through
 * {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}, keyed by window start, so that every
 * record of a window meets in one roll-up task; marks go to every partition of that topic
 * ({@link io.industrybrain.streams.topology.progress.Broadcast}). A window's roll-ups are computed in one task: the
 * province needs every enterprise anyway, and the chain percentiles the whole chain. The stage's work per update
 * interval is one partial per changed roll-up and partition, not one record per enterprise.
 *
 * <h2>Exact under revision</h2>
 * The partials store holds, per window, roll-up and partition, p's latest partial: a new one replaces the old, so
 * an enterprise's revised numbers (a late event in grace, a dropped duplicate, employees changed before the close)
 * are never counted twice, whatever arrives when. A roll-up's update is the sum of its partials (in partition order,
 * so the sums do not depend on arrival order), with the ratios of
 * {@link io.industrybrain.streams.topology.MetricFormulas}, the ENTERPRISE formulas. The final does not trust the
 * partials: it is recomputed from scratch from the window's closing records
 * ({@link io.industrybrain.streams.topology.rollup.RollupCalculator}, sums in enterpriseId order). "Latest" is
 * well defined because all of an enterprise's records come from one partition, and one partition's records reach
 * each roll-up partition in the order it produced them: one task sends them through one producer in order,
 * exactly-once transactions commit in order, and a task that moves resumes from its last commit with a producer
 * that fences the old one.
 *
 * <h2>When a window is final</h2>
 * {@link io.industrybrain.streams.topology.progress.SourceProgress} keeps each partition's latest mark in the
 * progress store. Window W is final in its roll-up task when the smallest mark over all N partitions has reached
 * W's start; then the task publishes every enterprise's closing record as its final (chain percentiles added,
 * revision unchanged, so it continues the enterprise's update sequence), one final per roll-up, and deletes the
 * window's state, all in one transaction. Why this is complete and happens once:
 * <ol>
 *   <li>Enterprise E lives in one partition p(E). p sends its mark past W only after closing W, and closing W first
 *       sends E's closing record: it precedes the mark.</li>
 *   <li>Once p has closed W its stream time is past W's end + grace for good (it is persisted and only moves
 *       forward), so every later event of W is LATE at the gate: p sends nothing more for W.</li>
 *   <li>So when every partition's mark has passed W, the task holds every closing record of W there will ever be.
 *       As a check, the closings counted must equal the enterprises the latest partials count; anything else fails
 *       the task as a bug rather than publish a wrong final.</li>
 *   <li>The smallest mark never goes back (marks are kept as a maximum per partition; a restarted partition repeats
 *       its last one), the window's state is gone after its final, and a record of it arriving later is impossible
 *       by 2 (it would fail the task rather than publish a second final). State stores are changelogged: a crash
 *       before the commit redoes the work, a crash after it finds the window already gone.</li>
 * </ol>
 *
 * <h2>Every partition closes windows, even without events</h2>
 * A window-stage partition's stream time is the watermark of the intake tasks, which send their progress to every
 * partition every {@code watermark.interval}; so a partition none of whose enterprises reported still closes windows
 * and sends its marks, and finals do not wait for it. There is deliberately no timer on the roll-up stage itself:
 * its finals follow the marks, so they are exact and one per key whatever the processing speed. The partition count
 * is part of the state layout and stays fixed: the app refuses to start when {@code partitions} differs from the
 * by-enterprise topic's count.
 *
 * <h2>Re-homing</h2>
 * Every ENTERPRISE record carries the chain and region the reference data gives the enterprise when the record is
 * computed; its partition files the enterprise's sums under the latest of them. A move therefore shows in
 * the roll-ups with the enterprise's next record of each open window (its next counted event or dropped duplicate,
 * or its closing record) and always in the final of a window still open in the enterprise's partition when the
 * move arrived. All of its sums move, not only the events after the move. Windows already closed in its
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
 * A partial that changes a roll-up marks it pending (in the groups store, so the mark survives a restart); pending
 * roll-ups are published every {@code update.interval}, at once when it is zero. An enterprise that moves to another
 * chain or region changes two partials of its partition (its old group's and its new one's), so the move shows in
 * both roll-ups' next updates.
 */
package io.industrybrain.streams.topology.rollup;
