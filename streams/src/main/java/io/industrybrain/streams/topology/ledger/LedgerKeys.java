package io.industrybrain.streams.topology.ledger;

import java.util.List;

/**
 * The names of the counts in the ledger stores and of the rows on {@code brain.outcomes}. Topic names cannot contain
 * a slash, so it separates the parts.
 */
final class LedgerKeys {

    static final String FORWARDED = "forwarded";
    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";

    private LedgerKeys() { }

    /** An intake task's count: {@code topic/outcome}. */
    static String intakeCount(String topic, String outcome) {
        return topic + "/" + outcome;
    }

    /** A window-stage task's count of one intake task's events: {@code intakeTask/topic/outcome}. */
    static String settledCount(int intakeTask, String topic, String outcome) {
        return intakeTask + "/" + topic + "/" + outcome;
    }

    /** The prefix of every count {@link #settledCount} makes for one intake task. */
    static String settledPrefix(int intakeTask) {
        return intakeTask + "/";
    }

    /**
     * The key of an intake row on {@code brain.outcomes}. Rows are keyed by application id first: applications with
     * other ids that read the same topics (a reprocessing run, a benchmark) keep ledgers of their own.
     */
    static String intakeRow(String applicationId, int intakeTask) {
        return applicationRows(applicationId) + "intake/" + intakeTask;
    }

    /** The key of a window row on {@code brain.outcomes}. */
    static String windowRow(String applicationId, int windowPartition, int intakeTask) {
        return applicationRows(applicationId) + "window/" + windowPartition + "/" + intakeTask;
    }

    /** The prefix of every row key of one application (application ids cannot contain a slash). */
    static String applicationRows(String applicationId) {
        return applicationId + "/";
    }

    /** The topic and the outcome of a count, whichever stage's; the intake task of a window count is dropped. */
    static List<String> topicAndOutcome(String count) {
        String[] parts = count.split("/");
        return List.of(parts[parts.length - 2], parts[parts.length - 1]);
    }
}
