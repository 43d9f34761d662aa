package io.industrybrain.streams.topology;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.serde.AvroSerde;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.deadletter.DeadLetterWriter;
import io.industrybrain.streams.topology.intake.DecodedReferenceTable;
import io.industrybrain.streams.topology.intake.EventDecoder;
import io.industrybrain.streams.topology.intake.EventIntake;
import io.industrybrain.streams.topology.intake.EventValidator;
import io.industrybrain.streams.topology.intake.ReferenceTableUpdater;
import io.industrybrain.streams.topology.internal.AdmittedEvent;
import io.industrybrain.streams.topology.internal.DeviceWindowState;
import io.industrybrain.streams.topology.internal.EnterpriseWindowState;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.ledger.LedgerPublisher;
import io.industrybrain.streams.topology.progress.InputLag;
import io.industrybrain.streams.topology.progress.ProgressAnnouncer;
import io.industrybrain.streams.topology.internal.DevicePeriodState;
import io.industrybrain.streams.topology.internal.EnterprisePeriodState;
import io.industrybrain.streams.topology.internal.PeriodInput;
import io.industrybrain.streams.topology.period.PeriodHistoryUpdater;
import io.industrybrain.streams.topology.period.PeriodStage;
import io.industrybrain.streams.topology.registered.Coverage;
import io.industrybrain.streams.topology.registered.RegisteredEnterprises;
import io.industrybrain.streams.topology.rollup.RollupStage;
import io.industrybrain.streams.topology.targets.TargetGaps;
import io.industrybrain.streams.topology.targets.TargetValidator;
import io.industrybrain.streams.topology.window.EnterpriseMetricsCalculator;
import io.industrybrain.streams.topology.window.EnterpriseWindowAccumulator;
import io.industrybrain.streams.topology.window.EnterpriseWindowAggregator;
import io.industrybrain.streams.topology.window.LateEventGate;
import io.industrybrain.streams.topology.window.OpenWindows;
import io.industrybrain.streams.topology.window.WindowGeometry;
import io.industrybrain.streams.topology.window.WindowInput;
import io.industrybrain.streams.topology.window.WindowOutput;
import io.industrybrain.topics.TopicNames;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The metrics of docs/contract.md: every input event counted once into its enterprise's tumbling event-time
 * window, every rejected record dead-lettered unchanged, the ENTERPRISE records rolled up by industry
 * chain, region and province, and every record's gaps to the plan targets.
 *
 * <p>Topics (default names; see {@link TopicNames}):
 * <ul>
 *   <li>in {@code brain.enterprises}: enterpriseId (String) -> Enterprise (Avro), read into a global table</li>
 *   <li>in {@code brain.targets}: scope:scopeId:metric (String) -> MetricTarget (Avro), read into a global table</li>
 *   <li>in {@code brain.telemetry}: deviceId (String) -> MachineTelemetry (Avro)</li>
 *   <li>in {@code brain.production}, {@code brain.shifts}, {@code brain.processes}: enterpriseId (String) ->
 *       ProductionOutput / WorkShift / ProcessHeartbeat (Avro)</li>
 *   <li>internal {@code <application.id>-enterprise-metrics-by-enterprise-repartition}: enterpriseId (String) ->
 *       AdmittedEvent (internal Avro, single-object encoding), record timestamp = eventTime; and, copied to
 *       every partition, each intake task's {@code watermark-<task>} (String) -> WatermarkMarker, record
 *       timestamp = wall clock (see {@link ByEnterpriseTopic}); {@code partitions} partitions, fixed because the
 *       roll-up stage waits for each of them</li>
 *   <li>internal {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}: window start (String, 19
 *       digits) -> RollupInput (internal Avro): ENTERPRISE records, and closed-window marks sent to every partition</li>
 *   <li>out {@code brain.metrics}: {@link MetricKeys} (String) -> MetricRecord (Avro), updates of open windows, every scope</li>
 *   <li>out {@code brain.metrics.final}: {@link MetricKeys} (String) -> MetricRecord (Avro), one per scope, scopeId and
 *       window, once every partition of the window stage has closed the window</li>
 *   <li>out {@code brain.dlq}: key bytes -> value bytes exactly as received, reason in
 *       {@link io.industrybrain.streams.topology.deadletter.DeadLetterHeaders}</li>
 * </ul>
 *
 * <p>Three sub-topologies. Intake reads the event topics as bytes (so that nothing can fail before our own
 * code sees the record) and dead-letters DESERIALIZATION, INVALID and UNKNOWN_ENTERPRISE; the rest is
 * re-keyed by enterpriseId, because telemetry is keyed by device and an enterprise's window needs all its
 * events in one task; on a wall-clock interval each intake task also tells every window-stage task how far
 * it has got, so that windows close only when every intake task is past them. The window stage gates LATE
 * events, marks duplicates and aggregates. Enterprise reference data is a global table: it is loaded
 * completely before any event is processed, so events published after their enterprise are never
 * UNKNOWN_ENTERPRISE merely because of start-up order. A third sub-topology, the roll-up stage
 * ({@link RollupStage}), gathers each window's ENTERPRISE records in one task and publishes the roll-ups and
 * every final; see {@code rollup/package-info.java}.
 *
 * <p>Dead letters are written by the topology itself, not by exception handlers: a verdict after the
 * repartition (LATE) must still write the original bytes, which a handler there would not see, and one
 * mechanism for all four reasons keeps the exactly-once story simple: a dead letter is produced in the
 * same transaction as the input offset it settles.
 */
public final class EnterpriseMetricsTopology {

    private EnterpriseMetricsTopology() { }

    /** Builds the topology for callers that do not export window gauges and whose intake tasks never go idle (tests). */
    public static Topology build(TopologySettings settings, SchemaRegistryClient registry, OutcomeCounters counters, Clock clock) {
        return build(settings, registry, counters, new OpenWindows(), InputLag.UNKNOWN, clock);
    }

    /**
     * Builds the topology; pure: no I/O until Kafka Streams runs it.
     *
     * @param openWindows told of every window state opened and closed, for the app's gauges
     * @param inputLag    since when each input partition has been consumed to its end: the one thing that releases a
     *                    partition and lets an intake task go idle
     */
    public static Topology build(TopologySettings settings, SchemaRegistryClient registry, OutcomeCounters counters,
                                 OpenWindows openWindows, InputLag inputLag, Clock clock) {
        TopicNames topics = settings.topics();
        WindowGeometry windows = new WindowGeometry(settings.window(), settings.grace());
        EventDecoder decoder = new EventDecoder(registry, topics);
        EventValidator validator = new EventValidator(clock);
        Serde<MetricRecord> metricSerde = new AvroSerde<>(registry, MetricRecord.class, true);
        Serde<OutcomeTally> outcomeSerde = new AvroSerde<>(registry, OutcomeTally.class, true);

        StreamsBuilder builder = new StreamsBuilder(namingEnforced());
        RegisteredEnterprises registered = new RegisteredEnterprises();
        DecodedReferenceTable<Enterprise> enterprises = new DecodedReferenceTable<>(registered);
        addReferenceTable(builder, TopologyNames.ENTERPRISES_STORE, topics.enterprises(), "enterprise-reference",
                Enterprise.class, validator::problemsWith, registry, counters, enterprises);
        // The window stage's state, shaped for the work per event: each event reads and writes one small record of
        // its enterprise and at most one of its device or id, all written through. A device's or an id's record is
        // written about once per commit interval at most (one sample a minute per device). So, at a province's 30,000
        // enterprises, is an enterprise's: a record cache there coalesced little and cost a tenth of the stream
        // thread in its flushes (docs/decisions.md, "Record caches"); where an enterprise is hot (1,000 devices each)
        // the cache saved 4 %.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ENTERPRISE_WINDOWS_STORE), Serdes.String(),
                InternalAvroSerde.of(EnterpriseWindowState.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.DEVICE_WINDOWS_STORE), Serdes.String(),
                InternalAvroSerde.of(DeviceWindowState.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.SEEN_IDS_STORE), Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.PARTIALS_SENT_STORE), Serdes.String(),
                InternalAvroSerde.of(MetricSums.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.WINDOW_PROGRESS_STORE), Serdes.Integer(),
                InternalAvroSerde.of(ProgressMarker.class)));
        // Read and written once per enterprise, and once per device, each time a window closes.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ENTERPRISE_PERIODS_STORE), Serdes.String(),
                InternalAvroSerde.of(EnterprisePeriodState.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.DEVICE_PERIODS_STORE), Serdes.String(),
                InternalAvroSerde.of(DevicePeriodState.class)).withCachingDisabled());
        // The outcome ledger's counts and the intake's progress: a few per task, each moved by every record it counts
        // or admits, hence cached.
        for (String ledger : List.of(TopologyNames.INTAKE_OUTCOMES_STORE, TopologyNames.WINDOW_OUTCOMES_STORE, TopologyNames.INTAKE_PROGRESS_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ledger), Serdes.String(), Serdes.Long()).withCachingEnabled());
        }

        KStream<String, AdmittedEvent> admitted = passedOrDeadLettered(
                builder.stream(topics.eventTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName(TopologyNames.step("events-source"))
                                .withTimestampExtractor(new SourceTimestampExtractor()))
                        .process(() -> new EventIntake(decoder, validator, counters, enterprises), Named.as(TopologyNames.step("intake")),
                                TopologyNames.INTAKE_OUTCOMES_STORE),
                "intake", topics);

        // The ledger's rows leave each stage where its progress markers pass (see the package ledger for why there).
        KStream<String, SpecificRecord> toWindowStage = ledgerRowsPublished(
                admitted
                        .process(() -> new ProgressAnnouncer(settings.progress(), inputLag, topics.eventTopics()),
                                Named.as(TopologyNames.step("intake-progress")), TopologyNames.INTAKE_PROGRESS_STORE)
                        .process(() -> LedgerPublisher.intake(settings.progress().markerInterval()),
                                Named.as(TopologyNames.step("intake-ledger")), TopologyNames.INTAKE_OUTCOMES_STORE),
                "intake-ledger", topics, outcomeSerde);
        KStream<String, SpecificRecord> windowStageInput = ledgerRowsPublished(
                toWindowStage
                        .repartition(Repartitioned.<String, SpecificRecord>as(TopologyNames.EVENTS_BY_ENTERPRISE)
                                .withNumberOfPartitions(settings.partitions())
                                .withKeySerde(Serdes.String())
                                .withValueSerde(ByEnterpriseTopic.valueSerde())
                                .withStreamPartitioner(ByEnterpriseTopic.partitioner()))
                        .process(LedgerPublisher::window, Named.as(TopologyNames.step("window-ledger")),
                                TopologyNames.WINDOW_OUTCOMES_STORE),
                "window-ledger", topics, outcomeSerde);
        KStream<String, WindowInput> onTime = passedOrDeadLettered(
                windowStageInput.process(() -> new LateEventGate(windows, counters, settings.intakeTasks(), settings.progress().idleAfter()),
                        Named.as(TopologyNames.step("late-gate")), TopologyNames.WINDOW_PROGRESS_STORE, TopologyNames.WINDOW_OUTCOMES_STORE),
                "late-gate", topics);

        KStream<String, WindowOutput> windowOutput = onTime
                .process(() -> new EnterpriseWindowAggregator(windows, new EnterpriseWindowAccumulator(),
                                new EnterpriseMetricsCalculator(settings), counters, openWindows, enterprises, clock, settings.updateInterval(),
                                new PeriodCalendar(settings.periodZone())),
                        Named.as(TopologyNames.step("aggregate")),
                        TopologyNames.ENTERPRISE_WINDOWS_STORE, TopologyNames.DEVICE_WINDOWS_STORE, TopologyNames.SEEN_IDS_STORE,
                        TopologyNames.PARTIALS_SENT_STORE, TopologyNames.WINDOW_OUTCOMES_STORE,
                        TopologyNames.ENTERPRISE_PERIODS_STORE, TopologyNames.DEVICE_PERIODS_STORE);

        // Added after the sub-topologies above so that their numbers, and so their task ids, stay as they were.
        // TargetGaps reads a scope's targets by range, from the store
        addReferenceTable(builder, TopologyNames.TARGETS_STORE, topics.targets(), "targets",
                MetricTarget.class, TargetValidator::problemsWith, registry, counters, null);

        // ENTERPRISE updates go out from here; the closing records wait in the roll-up stage until every partition
        // has closed the window, because their chain percentiles need the whole chain.
        String split = TopologyNames.step("window-output");
        Map<String, KStream<String, WindowOutput>> outputs = windowOutput.split(Named.as(split))
                .branch((key, output) -> output instanceof WindowOutput.EnterpriseUpdate, Branched.as("-updates"))
                .branch((key, output) -> output instanceof WindowOutput.ToPeriods, Branched.as("-to-periods"))
                .defaultBranch(Branched.as("-to-rollup"));
        withPlanContext(outputs.get(split + "-updates").mapValues(output -> ((WindowOutput.EnterpriseUpdate) output).record(),
                        Named.as(TopologyNames.step("enterprise-updates"))), "enterprise", registered, settings)
                .to(topics.metrics(), Produced.with(Serdes.String(), metricSerde).withName(TopologyNames.step("enterprise-update-sink")));
        KStream<String, RollupInput> toRollup = outputs.get(split + "-to-rollup")
                .mapValues(output -> ((WindowOutput.ToRollup) output).input(), Named.as(TopologyNames.step("rollup-input")));
        withPlanContext(RollupStage.addTo(builder, toRollup, settings, clock), "rollup", registered, settings)
                .split(Named.as(TopologyNames.step("rollup-emit")))
                .branch((key, record) -> record.getFinal$(), Branched.withConsumer(finals -> finals.to(topics.metricsFinal(),
                        Produced.with(Serdes.String(), metricSerde).withName(TopologyNames.step("final-sink"))), "-final"))
                .defaultBranch(Branched.withConsumer(updates -> updates.to(topics.metrics(),
                        Produced.with(Serdes.String(), metricSerde).withName(TopologyNames.step("rollup-update-sink"))), "-update"));

        // The period stage and the period history, added last so that the sub-topologies above keep their numbers.
        KStream<String, PeriodInput> toPeriods = outputs.get(split + "-to-periods")
                .mapValues(output -> ((WindowOutput.ToPeriods) output).input(), Named.as(TopologyNames.step("period-input")));
        withPlanContext(PeriodStage.addTo(builder, toPeriods, settings, clock), "period", registered, settings)
                .to(topics.metricsPeriods(), Produced.with(Serdes.String(), metricSerde).withName(TopologyNames.step("period-sink")));
        addPeriodHistory(builder, topics);

        return builder.build();
    }

    /**
     * A global table of reference records, read from its compacted topic, which is also its changelog: the table is
     * re-read from it at start. {@code decoded}, when not null, is kept beside it for look-ups by key.
     */
    private static <T extends SpecificRecord> void addReferenceTable(StreamsBuilder builder, String store, String topic, String step,
                                                                     Class<T> type, ReferenceTableUpdater.Validation<T> validation,
                                                                     SchemaRegistryClient registry, OutcomeCounters counters,
                                                                     DecodedReferenceTable<T> decoded) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(), InternalAvroSerde.of(type))
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(TopologyNames.step(step))
                        .withTimestampExtractor(new SourceTimestampExtractor()),
                () -> new ReferenceTableUpdater<>(registry, type, store, validation, counters, decoded));
    }

    /** Every published record's coverage of its scope's registered enterprises, and its gaps to the plan's targets. */
    private static KStream<String, MetricRecord> withPlanContext(KStream<String, MetricRecord> records, String stage,
                                                                 RegisteredEnterprises registered, TopologySettings settings) {
        return records
                .processValues(() -> new Coverage(registered), Named.as(TopologyNames.step(stage + "-coverage")))
                .processValues(() -> new TargetGaps(settings.periodZone()), Named.as(TopologyNames.step(stage + "-target-gaps")));
    }

    /**
     * Every instance's copy of {@code brain.metrics.periods}, which the query API reads: the topic's bytes as they are,
     * in a persistent store that is kept between runs and reads on from where it stopped.
     */
    private static void addPeriodHistory(StreamsBuilder builder, TopicNames topics) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.PERIOD_RECORDS_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                topics.metricsPeriods(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(TopologyNames.step("period-history")),
                PeriodHistoryUpdater::new);
    }

    /**
     * The Kafka Streams settings this topology relies on; the application adds its own (application.id,
     * bootstrap servers, {@code processing.guarantee=exactly_once_v2}, state dir).
     */
    public static Map<String, Object> streamsProperties() {
        return Map.of(
                // Refuse to start if a store or internal topic ever gets a generated name: that would orphan state.
                StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true,
                // Bad input is dead-lettered by the topology; an exception reaching Kafka Streams is a bug or an
                // unreachable registry, and skipping the record would lose it: fail, and retry after restart.
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailures.class,
                // An intake task reads one partition of each event topic. Its progress is kept per partition
                // (ProgressAnnouncer), so the order in which it takes their records cannot close anyone's window:
                // it need never wait for a partition to be fetched, which would idle the thread with records at hand.
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L,
                // The reference-data global thread fails fast the same way. Given again to the main consumer, from whose
                // configs Kafka Streams' partition assignor builds a StreamsConfig of its own, which would otherwise
                // log at every start that the handler is not enabled for the global thread.
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
    }

    /**
     * Kafka Streams checks for generated names only in a builder given the setting. Its TopologyConfig
     * wants a complete StreamsConfig, hence the placeholders: only the topology settings are read while
     * building, and KafkaStreams replaces them with the application's own configuration when it starts.
     */
    private static TopologyConfig namingEnforced() {
        Properties config = new Properties();
        config.putAll(streamsProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, TopologyNames.TOPOLOGY);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "placeholder:9092");
        return new TopologyConfig(new StreamsConfig(config));
    }

    /** Splits a ledger publisher's output: its rows to {@code brain.outcomes}, events and markers on. */
    private static KStream<String, SpecificRecord> ledgerRowsPublished(KStream<String, SpecificRecord> published, String step,
                                                                       TopicNames topics, Serde<OutcomeTally> outcomeSerde) {
        String route = TopologyNames.step(step + "-route");
        Map<String, KStream<String, SpecificRecord>> branches = published.split(Named.as(route))
                .branch((key, value) -> value instanceof OutcomeTally, Branched.withConsumer(rows -> rows
                        .mapValues(row -> (OutcomeTally) row, Named.as(TopologyNames.step(step + "-rows")))
                        .to(topics.outcomes(), Produced.with(Serdes.String(), outcomeSerde)
                                .withName(TopologyNames.step(step + "-sink"))), "-rows"))
                .defaultBranch(Branched.as("-passed"));
        return branches.get(route + "-passed");
    }

    /** Splits a step's output: dead letters to {@code brain.dlq}, the passing values on. */
    private static <T> KStream<String, T> passedOrDeadLettered(KStream<String, Routed<T>> routed, String step, TopicNames topics) {
        String route = TopologyNames.step(step + "-route");
        Map<String, KStream<String, Routed<T>>> branches = routed.split(Named.as(route))
                .branch((key, value) -> value instanceof Routed.Dead<T>, Branched.withConsumer(dead -> dead
                        .process(DeadLetterWriter<String, T>::new, Named.as(TopologyNames.step(step + "-dead-letter-writer")))
                        .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName(TopologyNames.step(step + "-dead-letter-sink"))), "-dead-letters"))
                .defaultBranch(Branched.as("-passed"));
        return branches.get(route + "-passed")
                .mapValues(value -> ((Routed.Pass<T>) value).value(), Named.as(TopologyNames.step(step + "-pass")));
    }
}
