package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterpriseClosing;
import io.industrybrain.streams.topology.internal.MetricSums;
import io.industrybrain.streams.topology.internal.ProgressMarker;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.progress.Broadcast;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the roll-up stage to a topology: what the window stage sends it (roll-up partials, closing records, progress
 * markers), keyed by window start through {@code <application.id>-enterprise-metrics-rollup-by-window-repartition}
 * (markers to every partition), into {@link RollupAggregator}. What comes out is every record the window stage does
 * not publish itself: roll-up updates, roll-up finals and the ENTERPRISE finals.
 */
public final class RollupStage {

    private RollupStage() { }

    public static KStream<String, MetricRecord> addTo(StreamsBuilder builder, KStream<String, RollupInput> fromWindowStage,
                                                      TopologySettings settings, Clock clock) {
        return aggregate(builder, fromWindowStage
                .repartition(Repartitioned.<String, RollupInput>as(TopologyNames.ROLLUP_BY_WINDOW)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde())
                        .withStreamPartitioner(Broadcast.markers(input -> input.getEvent() instanceof ProgressMarker))), settings, clock);
    }

    /** The roll-up stage's own input, after the repartition, into the aggregator with its stores. */
    static KStream<String, MetricRecord> aggregate(StreamsBuilder builder, KStream<String, RollupInput> byWindow,
                                                   TopologySettings settings, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_PARTIALS_STORE), Serdes.String(),
                InternalAvroSerde.of(MetricSums.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_CLOSINGS_STORE), Serdes.String(),
                InternalAvroSerde.of(EnterpriseClosing.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_GROUPS_STORE), Serdes.String(),
                InternalAvroSerde.of(RollupGroupState.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_PROGRESS_STORE), Serdes.Integer(),
                InternalAvroSerde.of(ProgressMarker.class)));
        return byWindow.process(() -> new RollupAggregator(settings, clock), Named.as(TopologyNames.step("rollup")),
                TopologyNames.ROLLUP_PARTIALS_STORE, TopologyNames.ROLLUP_CLOSINGS_STORE, TopologyNames.ROLLUP_GROUPS_STORE,
                TopologyNames.ROLLUP_PROGRESS_STORE);
    }

    static InternalAvroSerde<RollupInput> serde() {
        return InternalAvroSerde.of(RollupInput.class);
    }
}
