package io.industrybrain.app;

import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.streams.topology.EnterpriseMetricsTopology;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.progress.InputLag;
import io.industrybrain.streams.topology.window.OpenWindows;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** The topologies the app runs: the one place the app meets the topology factories. */
final class BrainTopologies {

    private BrainTopologies() { }

    static Topology build(TopologySettings settings, SchemaRegistryClient registry, OutcomeCounters counters,
                          OpenWindows openWindows, InputLag inputLag, Clock clock) {
        return EnterpriseMetricsTopology.build(settings, registry, counters, openWindows, inputLag, clock);
    }

    /** The Streams properties the topologies need besides the app's own. */
    static Map<String, Object> streamsProperties() {
        return EnterpriseMetricsTopology.streamsProperties();
    }
}
