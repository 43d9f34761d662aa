package io.industrybrain.app.query;

import io.industrybrain.schema.OutcomeStage;
import io.industrybrain.schema.OutcomeTally;
import io.industrybrain.schema.TopicTally;
import java.util.List;
import java.util.Map;

/** Rows of {@code brain.outcomes}, written by hand for tests of what reads them. */
public final class LedgerRows {

    private LedgerRows() { }

    /** Intake task {@code task} forwarded {@code forwarded} records of {@code topic} and dead-lettered the rest. */
    public static OutcomeTally intake(int task, String topic, long forwarded, Map<String, Long> deadLettered) {
        return new OutcomeTally(OutcomeStage.INTAKE, task, null, List.of(new TopicTally(topic, forwarded, 0L, 0L, deadLettered)));
    }

    /** Window-stage partition {@code partition} settled so many of intake task {@code task}'s records of {@code topic}. */
    public static OutcomeTally window(int partition, int task, String topic, long accepted, long duplicates, long late) {
        return new OutcomeTally(OutcomeStage.WINDOW, task, partition,
                List.of(new TopicTally(topic, 0L, accepted, duplicates, late == 0 ? Map.of() : Map.of("LATE", late))));
    }
}
