package io.industrybrain.streams.topology.period;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterprisePeriods;
import io.industrybrain.streams.topology.internal.PeriodContribution;
import io.industrybrain.streams.topology.internal.PeriodInput;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.progress.Broadcast;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the period stage to a topology: the enterprises' period sums and the window stage's progress markers, through
 * {@code <application.id>-enterprise-metrics-periods-by-year-repartition} (keyed by the first day of the year, markers
 * to every partition), into {@link PeriodAggregator}. What comes out is every record of {@code brain.metrics.periods}.
 */
public final class PeriodStage {

    private PeriodStage() { }

    public static KStream<String, MetricRecord> addTo(StreamsBuilder builder, KStream<String, PeriodInput> fromWindowStage,
                                                      TopologySettings settings, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.PERIOD_WAITING_STORE), Serdes.String(),
                InternalAvroSerde.of(EnterprisePeriods.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.PERIOD_CONTRIBUTIONS_STORE), Serdes.String(),
                InternalAvroSerde.of(PeriodContribution.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.PERIOD_GROUPS_STORE), Serdes.String(),
                InternalAvroSerde.of(RollupGroupState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.PERIOD_PROGRESS_STORE), Serdes.Integer(),
                InternalAvroSerde.of(ProgressMarker.class)));
        return fromWindowStage
                .repartition(Repartitioned.<String, PeriodInput>as(TopologyNames.PERIODS_BY_YEAR)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalAvroSerde.of(PeriodInput.class))
                        .withStreamPartitioner(Broadcast.markers(input -> input.getEvent() instanceof ProgressMarker)))
                .process(() -> new PeriodAggregator(settings, clock), Named.as(TopologyNames.step("periods")),
                        TopologyNames.PERIOD_WAITING_STORE, TopologyNames.PERIOD_CONTRIBUTIONS_STORE, TopologyNames.PERIOD_GROUPS_STORE,
                        TopologyNames.PERIOD_PROGRESS_STORE);
    }
}
