/**
 * The ENTERPRISE scope of DOMAIN.md as a Kafka Streams topology: {@link io.industrybrain.streams.topology.EnterpriseMetricsTopology#build}
 * (settings in, {@code Topology} out, no I/O) and what the application needs around it.
 *
 * <h2>Shape</h2>
 * <ol>
 *   <li>Global store {@code enterprise-metrics-enterprises-store} from {@code brain.enterprises}
 *       ({@code intake.EnterpriseReferenceUpdater}): the current reference data, complete before any event is processed.</li>
 *   <li>Sub-topology 1, intake ({@code intake.EventIntake}): the four event topics as bytes; DESERIALIZATION,
 *       INVALID ({@code intake.EventValidator}, wall clock from the injected {@code Clock}) and UNKNOWN_ENTERPRISE go to
 *       {@code brain.dlq}; the rest is wrapped in an {@code AdmittedEvent} (carrying the source record: topic,
 *       partition, offset, timestamp, key, value, headers) and re-keyed by enterpriseId into
 *       {@code <application.id>-enterprise-metrics-by-enterprise-repartition}, timestamped with the eventTime.</li>
 *   <li>Sub-topology 2, window stage: {@code window.LateEventGate} (LATE to {@code brain.dlq}, from the carried
 *       source bytes), {@code window.EventDeduplicator}, {@code window.EnterpriseWindowAggregator} (state per
 *       enterprise and window, updates to {@code brain.metrics}, one final to {@code brain.metrics.final}).</li>
 * </ol>
 *
 * <h2>Time</h2>
 * Windows are tumbling, aligned to the epoch, by {@code eventTime}. Stream time is the window stage's own: the
 * highest eventTime it has <em>counted</em>, per partition of the by-enterprise topic, kept in
 * {@code enterprise-metrics-stream-time-store}. Rejected records and duplicates never move it, so a gateway with a
 * wrong clock cannot close anyone's window. A window [s, e) closes when stream time reaches e + grace; an event
 * arriving after that is LATE; one arriving when stream time is in [e, e + grace) is counted and late in grace.
 * Like any stream time it only moves with data: a partition that receives no more events keeps its windows open.
 *
 * <h2>Exactly once</h2>
 * Under {@code exactly_once_v2} every effect of an input record (dead letter, repartition record, store changelogs,
 * outputs, input offset) commits in one transaction. Dead letters are written by the topology, not by exception
 * handlers, so that all four reasons take the same path and LATE (decided after the repartition) still writes the
 * original bytes. An exception that reaches Kafka Streams (an unreachable registry, a bug) fails the task rather
 * than skip the record; the application's uncaught-exception handler decides whether to replace the thread.
 */
package io.industrybrain.streams.topology;
