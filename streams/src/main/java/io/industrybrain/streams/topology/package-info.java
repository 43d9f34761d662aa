/**
 * The metrics of DOMAIN.md as a Kafka Streams topology: {@link io.industrybrain.streams.topology.EnterpriseMetricsTopology#build}
 * (settings in, {@code Topology} out, no I/O) and what the application needs around it.
 *
 * <h2>Shape</h2>
 * <ol>
 *   <li>Global store {@code enterprise-metrics-enterprises-store} from {@code brain.enterprises}
 *       ({@code intake.ReferenceTableUpdater}): the current reference data, complete before any event is processed.</li>
 *   <li>Sub-topology 1, intake ({@code intake.EventIntake}): the four event topics as bytes; DESERIALIZATION,
 *       INVALID ({@code intake.EventValidator}, wall clock from the injected {@code Clock}) and UNKNOWN_ENTERPRISE go to
 *       {@code brain.dlq}; the rest is wrapped in an {@code AdmittedEvent} (carrying the source record: topic,
 *       partition, offset, timestamp, key, value, headers) and re-keyed by enterpriseId into
 *       {@code <application.id>-enterprise-metrics-by-enterprise-repartition}, timestamped with the eventTime.</li>
 *   <li>Sub-topology 2, window stage: {@code window.LateEventGate} (LATE to {@code brain.dlq}, from the carried
 *       source bytes), {@code window.EventDeduplicator}, {@code window.EnterpriseWindowAggregator} (state per
 *       enterprise and window, ENTERPRISE updates to {@code brain.metrics}; each window's closing records and the
 *       partition's closed-window marks to the roll-up stage through
 *       {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}).</li>
 *   <li>Global store {@code enterprise-metrics-targets-store} from {@code brain.targets}: the plan targets.</li>
 *   <li>Sub-topology 4, roll-up stage ({@code rollup}, design and proof in its package-info): chain, region and
 *       province updates to {@code brain.metrics}; once every window-stage partition has closed a window, the
 *       ENTERPRISE finals with their chain percentiles and one final per roll-up to {@code brain.metrics.final}.</li>
 * </ol>
 * Every record gets its gaps to the plan targets ({@code targets.TargetGaps}) just before its sink.
 *
 * <h2>Time</h2>
 * Windows are tumbling, aligned to the epoch, by {@code eventTime}. Stream time is the window stage's own: the
 * highest eventTime it has <em>counted</em>, per partition of the by-enterprise topic, kept in
 * {@code enterprise-metrics-stream-time-store}. Rejected records and duplicates never move it, so a gateway with a
 * wrong clock cannot close anyone's window. A window [s, e) closes when stream time reaches e + grace; an event
 * arriving after that is LATE; one arriving when stream time is in [e, e + grace) is counted and late in grace.
 * Like any stream time it only moves with data: a partition that receives no more events keeps its windows open,
 * and, since a final waits for every partition, holds back the finals of every scope.
 *
 * <h2>Exactly once</h2>
 * Under {@code exactly_once_v2} every effect of an input record (dead letter, repartition record, store changelogs,
 * outputs, input offset) commits in one transaction. Dead letters are written by the topology, not by exception
 * handlers, so that all four reasons take the same path and LATE (decided after the repartition) still writes the
 * original bytes. An exception that reaches Kafka Streams (an unreachable registry, a bug) fails the task rather
 * than skip the record; the application's uncaught-exception handler decides whether to replace the thread.
 */
package io.industrybrain.streams.topology;
