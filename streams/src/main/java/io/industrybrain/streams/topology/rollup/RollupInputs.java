package io.industrybrain.streams.topology.rollup;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.internal.EnterpriseContribution;
import io.industrybrain.streams.topology.internal.RollupInput;
import io.industrybrain.streams.topology.internal.WindowsClosed;
import io.industrybrain.streams.topology.window.WindowOutput;
import io.industrybrain.streams.topology.window.WindowStoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The window stage's output as the roll-up stage's input: keyed by window start, so that every record of a
 * window meets in one roll-up task; a {@code WindowsClosed} mark goes to every partition, because each
 * roll-up task needs every window-stage partition's progress.
 */
final class RollupInputs {

    private RollupInputs() { }

    static KeyValue<String, RollupInput> of(WindowOutput output) {
        if (output instanceof WindowOutput.EnterpriseRecord enterprise) {
            MetricRecord record = enterprise.record();
            EnterpriseContribution contribution = new EnterpriseContribution(record.getScopeId(), enterprise.industryChain(),
                    enterprise.region(), record.getFinal$(), encode(record));
            return KeyValue.pair(WindowStoreKeys.window(record.getWindowStart().toEpochMilli()), new RollupInput(contribution));
        }
        WindowOutput.WindowsClosed closed = (WindowOutput.WindowsClosed) output;
        return KeyValue.pair(WindowStoreKeys.window(closed.windowStart()),
                new RollupInput(new WindowsClosed(closed.partition(), closed.windowStart())));
    }

    static MetricRecord record(EnterpriseContribution contribution) {
        try {
            return MetricRecord.getDecoder().decode(contribution.getRecord().duplicate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the record of " + contribution.getEnterpriseId(), e);
        }
    }

    private static ByteBuffer encode(MetricRecord record) {
        try {
            return MetricRecord.getEncoder().encode(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Contributions by the hash of their window key (Kafka's default); closed-window marks to every partition. */
    static final class Partitioner implements StreamPartitioner<String, RollupInput> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, RollupInput value, int numPartitions) {
            if (value.getEvent() instanceof WindowsClosed) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
            }
            return Optional.empty();
        }
    }
}
