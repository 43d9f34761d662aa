/**
 * The metrics of docs/contract.md as a Kafka Streams topology: {@link io.industrybrain.streams.topology.EnterpriseMetricsTopology#build}
 * (settings in, {@code Topology} out, no I/O) and what the application needs around it.
 *
 * <h2>Shape</h2>
 * <ol>
 *   <li>Global store {@code enterprise-metrics-enterprises-store} from {@code brain.enterprises}
 *       ({@code intake.ReferenceTableUpdater}): the current reference data, complete before any event is processed.</li>
 *   <li>Sub-topology 1, intake ({@code intake.EventIntake}): the four event topics as bytes, each event decoded
 *       once; DESERIALIZATION, INVALID ({@code intake.EventValidator}, wall clock from the injected {@code Clock})
 *       and UNKNOWN_ENTERPRISE go to {@code brain.dlq}; the rest travels as a typed {@code AdmittedEvent} (the
 *       decoded event, and the source record's topic, partition, offset, timestamp, key, value and headers for a
 *       later dead letter), re-keyed by enterpriseId into
 *       {@code <application.id>-enterprise-metrics-events-by-enterprise-repartition}. {@code progress.ProgressAnnouncer}
 *       stamps each with its intake task's progress and adds the task's progress markers, copied to every partition
 *       of that topic ({@code ByEnterpriseTopic}).</li>
 *   <li>Sub-topology 2, window stage: {@code window.LateEventGate} (stream time from the intake tasks' progress;
 *       LATE to {@code brain.dlq}, from the carried source bytes), then {@code window.EnterpriseWindowAggregator}:
 *       per enterprise and window one small record of sums ({@code enterprise-windows}), per device and window one
 *       of its last sample's flags and its seqs ({@code device-windows}), batch and shift ids ({@code seen-ids}),
 *       so that an event costs the same store work whatever the enterprise's size and a duplicate is found in the
 *       record read anyway. ENTERPRISE updates go to {@code brain.metrics}; to the roll-up stage, through
 *       {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}, go every update interval the
 *       partition's changed partial sums per roll-up, and when a window closes its closing records and the
 *       partition's progress mark.</li>
 *   <li>Global store {@code enterprise-metrics-targets-store} from {@code brain.targets}: the plan targets.</li>
 *   <li>Sub-topology 4, roll-up stage ({@code rollup}, design and proof in its package-info): chain, region and
 *       province updates to {@code brain.metrics}; once every window-stage partition has closed a window, the
 *       ENTERPRISE finals with their chain percentiles and one final per roll-up to {@code brain.metrics.final}.</li>
 * </ol>
 * Every record gets its gaps to the plan targets ({@code targets.TargetGaps}) just before its sink.
 *
 * <h2>Time</h2>
 * Windows are tumbling, aligned to the epoch, by {@code eventTime}. A window [s, e) closes when the window
 * stage's stream time reaches e + grace; an event arriving after that is LATE; one arriving when stream time
 * is in [e, e + grace) is counted and late in grace. Stream time is a watermark over the intake tasks, and a
 * final waits for every window-stage partition; both follow one rule, explained once in the package
 * {@link io.industrybrain.streams.topology.progress}: why a stage cannot use the highest time it has seen, when a
 * source counts as idle (only when it is caught up with its input), and what is kept in which store.
 *
 * <h2>Exactly once</h2>
 * Under {@code exactly_once_v2} every effect of an input record (dead letter, repartition record, store changelogs,
 * outputs, input offset) commits in one transaction. Dead letters are written by the topology, not by exception
 * handlers, so that all four reasons take the same path and LATE (decided after the repartition) still writes the
 * original bytes. An exception that reaches Kafka Streams (an unreachable registry, a bug) fails the task rather
 * than skip the record; the application's uncaught-exception handler decides whether to replace the thread.
 * Watermark markers go out in the intake task's transaction like its events, so the window stage never reads a
 * marker vouching for events of an aborted transaction: after an abort it has seen neither.
 */
package io.industrybrain.streams.topology;
