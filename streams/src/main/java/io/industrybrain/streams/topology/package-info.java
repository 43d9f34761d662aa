/**
 * The metrics of docs/contract.md as a Kafka Streams topology: {@link io.industrybrain.streams.topology.EnterpriseMetricsTopology#build}
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
 *       {@code <application.id>-enterprise-metrics-by-enterprise-repartition}, timestamped with the eventTime.
 *       {@code intake.IntakeWatermark} adds each intake task's watermark markers, copied to every partition of
 *       that topic ({@code ByEnterpriseTopic}).</li>
 *   <li>Sub-topology 2, window stage: {@code window.LateEventGate} (keeps stream time from events and markers;
 *       LATE to {@code brain.dlq}, from the carried source bytes), {@code window.EventDeduplicator},
 *       {@code window.EnterpriseWindowAggregator} (state per enterprise and window, ENTERPRISE updates to
 *       {@code brain.metrics}; each window's closing records and the partition's closed-window marks to the
 *       roll-up stage through {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}).</li>
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
 * is in [e, e + grace) is counted and late in grace.
 *
 * <p>Stream time is a low watermark over the intake tasks, per partition of the by-enterprise topic, kept in
 * {@code enterprise-metrics-stream-time-store}. The window stage receives events from every intake task (task
 * p reads partition p of each event topic), and the tasks do not keep pace: catching up on a backlog, a task
 * with light partitions runs hours ahead of one with heavy telemetry. Were stream time the highest eventTime
 * received, as within one ordered partition, the fast task would close windows that the slow one is still
 * delivering timely events to, and those would be dead-lettered as LATE although they reached Kafka in time;
 * the contract's LATE means the event arrived after its window closed, not that one of our own tasks was slower.
 * So each intake task's progress is tracked separately: the highest eventTime among its events received here,
 * or in the marker it sends to every partition every second (with the highest eventTime it has admitted),
 * since a task whose events all go to other partitions must still let this partition's windows close. A
 * marker is produced after the task's earlier events, by the same producer, so on every partition it follows
 * them and never vouches for an event still on its way. Stream time is the lowest progress among the tasks,
 * and it never goes back.
 *
 * <p>The number of intake tasks ({@code TopologySettings.intakeTasks}, the event topics' highest partition
 * count) says whom to wait for: until each task has reported or said it is idle, no window closes. A task
 * that admits nothing for 30 s says it is idle and is not waited for, so that an event partition nobody
 * writes to cannot hold back every final record; its next event ends that, and is LATE if its window closed
 * meanwhile, which is then true. Only admitted events count, in events and in markers: rejected records and a gateway with a wrong
 * clock close no one's window. With one intake task stream time is simply the highest eventTime received.
 * When every intake task is idle, stream time stays where it is and open windows wait for the next event.
 * Every window-stage partition hears every intake task's markers, so each closes windows (and tells the
 * roll-up stage) even when none of its own enterprises reported; a final of any scope waits for all of them.
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
