package io.industrybrain.streams.topology;

/**
 * The one naming grammar of the enterprise-metrics topology: {@code <topology>-<step>} for operators and
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
