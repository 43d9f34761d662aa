package io.industrybrain.streams.topology.progress;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partitioner of a topic that carries progress markers beside keyed records: a marker goes to every partition,
 * since every receiving task waits for every source; any other record goes where Kafka's default partitioner
 * puts its key, so that keyed state stays in the task that holds it.
 */
public final class Broadcast<K, V> implements StreamPartitioner<K, V> {

    private final Predicate<V> isMarker;

    private Broadcast(Predicate<V> isMarker) {
        this.isMarker = isMarker;
    }

    /** @param isMarker tells a progress marker among the topic's values */
    public static <K, V> Broadcast<K, V> markers(Predicate<V> isMarker) {
        return new Broadcast<>(isMarker);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return isMarker.test(value)
                ? Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()))
                : Optional.empty();
    }
}
