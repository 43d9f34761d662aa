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
    /** Open windows: window start and enterpriseId -> EnterpriseWindowState (the enterprise's sums). */
    public static final String ENTERPRISE_WINDOWS_STORE = store("enterprise-windows");
    /** Open windows: window start, enterpriseId and deviceId -> DeviceWindowState (last sample, seqs counted). */
    public static final String DEVICE_WINDOWS_STORE = store("device-windows");
    /** Open windows: window start, enterpriseId and batch or shift id -> its eventTime: the ids counted. */
    public static final String SEEN_IDS_STORE = store("seen-ids");
    /** The window stage's partials of the roll-ups last sent: window start and roll-up -> MetricSums. */
    public static final String PARTIALS_SENT_STORE = store("partials-sent");
    /** The window stage's event-time progress: intake task -> its latest marker, and the watermark. */
    public static final String WINDOW_PROGRESS_STORE = store("window-progress");
    /** An intake task's event-time progress: event topic -> the highest eventTime admitted from its partition. */
    public static final String INTAKE_PROGRESS_STORE = store("intake-progress");
    /** An intake task's outcome ledger: topic and outcome -> count (see the package {@code ledger}). */
    public static final String INTAKE_OUTCOMES_STORE = store("intake-outcomes");
    /** A window-stage task's outcome ledger: intake task, topic and outcome -> count. */
    public static final String WINDOW_OUTCOMES_STORE = store("window-outcomes");
    /** The global store of plan targets, {@code brain.targets} key -> MetricTarget. */
    public static final String TARGETS_STORE = store("targets");
    /** The roll-up stage's partials: window start, roll-up and window-stage partition -> MetricSums. */
    public static final String ROLLUP_PARTIALS_STORE = store("rollup-partials");
    /** The roll-up stage's closing records: window start and enterpriseId -> EnterpriseClosing. */
    public static final String ROLLUP_CLOSINGS_STORE = store("rollup-closings");
    /** The roll-up stage's revision and pending mark per window and roll-up. */
    public static final String ROLLUP_GROUPS_STORE = store("rollup-groups");
    /** The roll-up stage's event-time progress: window-stage partition -> the latest window it has closed. */
    public static final String ROLLUP_PROGRESS_STORE = store("rollup-progress");
    /** The window stage's sums of each enterprise over the calendar periods of its latest closed window. */
    public static final String ENTERPRISE_PERIODS_STORE = store("enterprise-periods");
    /** The window stage's devices over the calendar periods: enterprise and deviceId -> DevicePeriodState. */
    public static final String DEVICE_PERIODS_STORE = store("device-periods");
    /** The period stage's enterprise sums held until their window is final everywhere: window start and enterpriseId. */
    public static final String PERIOD_WAITING_STORE = store("period-waiting");
    /** The period stage's enterprise sums per open period: period, start and enterpriseId -> PeriodContribution. */
    public static final String PERIOD_CONTRIBUTIONS_STORE = store("period-contributions");
    /** The period stage's revision and pending mark per open period and roll-up. */
    public static final String PERIOD_GROUPS_STORE = store("period-groups");
    /** The period stage's event-time progress: window-stage partition -> the latest window it has closed. */
    public static final String PERIOD_PROGRESS_STORE = store("period-progress");
    /** Every instance's copy of {@code brain.metrics.periods}, its key -> the record's bytes: the period history. */
    public static final String PERIOD_RECORDS_STORE = store("period-records");
    /** The repartition topic from intake to the window stage, as named in the topology. */
    public static final String EVENTS_BY_ENTERPRISE = step("events-by-enterprise");
    /** The repartition topic from the window stage to the roll-up stage. */
    public static final String ROLLUP_BY_WINDOW = step("rollup-by-window");
    /** The repartition topic from the window stage to the period stage. */
    public static final String PERIODS_BY_YEAR = step("periods-by-year");

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
