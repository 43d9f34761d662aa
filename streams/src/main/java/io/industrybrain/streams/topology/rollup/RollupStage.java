package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.InternalAvroSerde;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.internal.EnterpriseContribution;
import io.industrybrain.streams.topology.internal.RollupGroupState;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.window.WindowOutput;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the roll-up stage to a topology: the window stage's output, re-keyed by window start through
 * {@code <application.id>-enterprise-metrics-rollup-by-window-repartition} (closed-window marks to every
 * partition), into {@link RollupAggregator}. What comes out is every record the window stage does not publish
 * itself: roll-up updates, roll-up finals and the ENTERPRISE finals.
 */
public final class RollupStage {

    private RollupStage() { }

    public static KStream<String, MetricRecord> addTo(StreamsBuilder builder, KStream<String, WindowOutput> windowOutput,
                                                      TopologySettings settings, Clock clock) {
        return aggregate(builder, windowOutput
                .map((key, output) -> RollupInputs.of(output), Named.as(TopologyNames.step("rollup-input")))
                .repartition(Repartitioned.<String, RollupInput>as(TopologyNames.step("rollup-by-window"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde())
                        .withStreamPartitioner(new RollupInputs.Partitioner())), settings, clock);
    }

    /** The roll-up stage's own input, after the repartition, into the aggregator with its stores. */
    static KStream<String, MetricRecord> aggregate(StreamsBuilder builder, KStream<String, RollupInput> byWindow,
                                                   TopologySettings settings, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_CONTRIBUTIONS_STORE), Serdes.String(),
                new InternalAvroSerde<>(EnterpriseContribution.getEncoder(), EnterpriseContribution.getDecoder())));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_GROUPS_STORE), Serdes.String(),
                new InternalAvroSerde<>(RollupGroupState.getEncoder(), RollupGroupState.getDecoder())));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.ROLLUP_WATERMARKS_STORE), Serdes.Integer(), Serdes.Long()));
        return byWindow.process(() -> new RollupAggregator(settings, clock), Named.as(TopologyNames.step("rollup")),
                TopologyNames.ROLLUP_CONTRIBUTIONS_STORE, TopologyNames.ROLLUP_GROUPS_STORE, TopologyNames.ROLLUP_WATERMARKS_STORE);
    }

    static InternalAvroSerde<RollupInput> serde() {
        return new InternalAvroSerde<>(RollupInput.getEncoder(), RollupInput.getDecoder());
    }
}
