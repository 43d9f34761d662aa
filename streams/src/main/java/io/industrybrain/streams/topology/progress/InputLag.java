package io.industrybrain.streams.topology.progress;

/**
 * What Kafka's offsets say of the intake's input partitions: since when each one has been consumed to its end. It is
 * the evidence that lets a partition stop holding its task's progress back, and a task call itself idle, once it
 * spans {@code intake.idle.after} with nothing admitted (see the package documentation). The application answers it
 * from Kafka's committed and end offsets; tests answer it themselves. Called from stream threads; implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface InputLag {

    /** Nothing is ever known to be caught up: every partition holds its task's progress, no intake task goes idle. */
    InputLag UNKNOWN = () -> Answer.NONE;

    /** The latest answer, {@link Answer#NONE} while there is none. */
    Answer latest();

    /**
     * The wall clock (ms) answers are stamped with. An admitted event is stamped with it too, not with Kafka Streams'
     * cached time, which a busy stream thread reads seconds old: quiet counted from a stale admission would release a
     * partition seconds early.
     */
    default long now() {
        return System.currentTimeMillis();
    }

    /** One answer, taken at one moment of the wall clock. */
    interface Answer {

        /** {@link #caughtUpSince} of a partition this answer found records to read in. */
        long NOT_CAUGHT_UP = Long.MAX_VALUE;

        /** No answer: no partition is caught up. */
        Answer NONE = new Answer() {
            @Override
            public long at() {
                return Long.MIN_VALUE;
            }

            @Override
            public long caughtUpSince(String topic, int partition) {
                return NOT_CAUGHT_UP;
            }
        };

        /**
         * Wall clock (ms) at which the answer was taken: it says nothing of what happened after. {@code Long.MAX_VALUE}
         * for an answer that knows nothing more will come (a test whose input is all delivered).
         */
        long at();

        /**
         * @return the wall clock of the first of the unbroken run of answers, up to this one, that found the partition
         *         consumed to its end (or found it does not exist: an event topic with fewer partitions than another);
         *         {@link #NOT_CAUGHT_UP} when this answer found records in it still to read
         */
        long caughtUpSince(String topic, int partition);
    }
}
