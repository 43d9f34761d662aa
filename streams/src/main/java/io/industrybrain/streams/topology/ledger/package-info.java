/**
 * The outcome ledger: what became of every event record, counted exactly once across crashes, restarts and
 * instances, and published to {@code brain.outcomes} so that any instance can answer the cluster's totals.
 *
 * <h2>Counts are state</h2>
 * An event's fate is decided twice: intake forwards it to the window stage or dead-letters it (DESERIALIZATION,
 * INVALID, UNKNOWN_ENTERPRISE); the window stage counts it, drops it as a duplicate, or dead-letters it (LATE).
 * Each task counts its decisions in a store of its own ({@code intake-outcomes}, {@code window-outcomes}), written
 * with the decision, so the counts commit in the transaction that commits the input offset and the outputs, are
 * restored from the changelog after a crash or on another instance, and a record processed again after an abort is
 * counted once. Process memory holds only the per-instance rates of {@code /metrics}
 * ({@link io.industrybrain.streams.topology.OutcomeCounters}).
 *
 * <h2>Rows, and the order that keeps in flight from going negative</h2>
 * {@link io.industrybrain.streams.topology.ledger.LedgerPublisher} publishes the counts as rows: an intake row per
 * intake task p (per topic: forwarded, dead-lettered by reason) and a window row per window-stage partition j and
 * intake task p (per topic: what j settled of p's events). The cluster's totals are their sums; per topic
 * {@code consumed = forwarded + dead-lettered at intake}, and {@code in flight = forwarded - settled}.
 * Those totals must balance at every point a reader can see, without a reader ever catching rows from two
 * moments, and in flight must never be negative. So a window row counts only what j settled of p's events up to
 * p's latest progress marker, and is emitted when the marker arrives; p emits its intake row as that marker leaves,
 * in the same transaction. The window stage reads the marker only once that transaction has committed, and
 * emits its row in a later one: on the ledger's single partition every window row follows an intake row whose
 * counts cover every event it settled. A reader that applies rows in order therefore always sees
 * {@code settled <= forwarded}. Compaction keeps the latest row of each key and could reorder what a reader
 * starting from the beginning sees, so a reader counts the ledger only once it has read to the end it found at
 * start, and compaction leaves the last hour alone ({@code TopicNames}).
 *
 * <p>Reference data ({@code brain.enterprises}, {@code brain.targets}) is not in the ledger: every instance reads
 * the whole of it into its global table at every start, and its counts are that instance's reading.
 */
package io.industrybrain.streams.topology.ledger;
