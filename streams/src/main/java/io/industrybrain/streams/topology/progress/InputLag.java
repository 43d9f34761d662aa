package io.industrybrain.streams.topology.progress;

/**
 * Whether an intake task has consumed everything one of its input partitions holds: the fact that lets the
 * partition stop holding the task's progress back, and the task call itself idle (see the package documentation). The application answers it from Kafka's committed and end
 * offsets; tests answer it themselves. Called from stream threads; implementations are thread-safe.
 */
@FunctionalInterface
public interface InputLag {

    /** Nothing is ever known to be caught up: every partition holds its task's progress, no intake task goes idle. */
    InputLag UNKNOWN = (topic, partition) -> false;

    /**
     * @return true only when the partition is known to be consumed to its end, or known not to exist (an event topic
     *         with fewer partitions than another)
     */
    boolean caughtUp(String topic, int partition);
}
