package io.industrybrain.streams.topology.progress;

/**
 * Whether an intake task has consumed everything its input partitions hold: the one fact that lets it call
 * itself idle (see the package documentation). The application answers it from Kafka's committed and end
 * offsets; tests answer it themselves. Called from stream threads; implementations are thread-safe.
 */
@FunctionalInterface
public interface InputLag {

    /** Nothing is ever known to be caught up: no intake task ever goes idle. */
    InputLag UNKNOWN = task -> false;

    /**
     * @param intakeTask the intake task, i.e. the partition number it reads of every event topic
     * @return true only when that partition of every event topic is known to be consumed to its end
     */
    boolean caughtUp(int intakeTask);
}
