package io.industrybrain.streams.topology;

/**
 * The one naming grammar of the enterprise-metrics topology (the ENTERPRISE window stage and the roll-ups): {@code <topology>-<step>} for operators and
 * internal topics, {@code <topology>-<step>-store} for state stores. Kafka Streams derives changelog and
 * repartition topic names from these ({@code <application.id>-<name>-changelog}, {@code -repartition}),
 * so renaming a step here orphans its state: change names only with a migration.
 */
public final class TopologyNames {

    /** Prefix of every name in the topology. */
    public static final String TOPOLOGY = "enterprise-metrics";

    /** The global store of current enterprise reference data, enterpriseId -> Enterprise. */
    public static final String ENTERPRISES_STORE = store("enterprises");
    /** Open windows: window start and enterpriseId -> EnterpriseWindowState. */
    public static final String WINDOW_STATE_STORE = store("window-state");
    /** Duplicate keys seen per enterprise and window, until the window closes. */
    public static final String DUPLICATES_STORE = store("duplicates");
    /** The window stage's stream time, per task, and the progress of each intake task it follows from. */
    public static final String STREAM_TIME_STORE = store("stream-time");
    /** The global store of plan targets, {@code brain.targets} key -> MetricTarget. */
    public static final String TARGETS_STORE = store("targets");
    /** The roll-up stage's contributions: window start and enterpriseId -> the enterprise's latest record. */
    public static final String ROLLUP_CONTRIBUTIONS_STORE = store("rollup-contributions");
    /** The roll-up stage's revision and pending mark per window and roll-up. */
    public static final String ROLLUP_GROUPS_STORE = store("rollup-groups");
    /** The roll-up stage's view of how far each window-stage partition has closed its windows. */
    public static final String ROLLUP_WATERMARKS_STORE = store("rollup-watermarks");

    private TopologyNames() { }

    /** The name of an operator or internal topic. */
    public static String step(String step) {
        return TOPOLOGY + "-" + step;
    }

    /** The name of a state store. */
    public static String store(String step) {
        return step(step) + "-store";
    }
}
