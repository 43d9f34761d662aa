package io.industrybrain.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names of every topic the product reads or writes, built once from {@code topic.prefix}.
 * This is the only place a topic name is spelled; everything else asks an instance of this class.
 *
 * <p>Inputs (keys are UTF-8 strings, values Avro in the Confluent wire format):
 * <ul>
 *   <li>{@code brain.enterprises} (compacted): enterpriseId -> Enterprise</li>
 *   <li>{@code brain.telemetry}: deviceId -> MachineTelemetry</li>
 *   <li>{@code brain.production}: enterpriseId -> ProductionOutput</li>
 *   <li>{@code brain.shifts}: enterpriseId -> WorkShift</li>
 *   <li>{@code brain.processes}: enterpriseId -> ProcessHeartbeat</li>
 *   <li>{@code brain.targets} (compacted): scope:scopeId -> MetricTarget</li>
 * </ul>
 * Outputs: {@code brain.metrics} and {@code brain.metrics.final} (scope:scopeId:windowStart ->
 * MetricRecord; the finals kept {@code metrics.final.retention}), {@code brain.metrics.periods} (compacted, never
 * deleted: period:scope:scopeId:firstDay -> MetricRecord), {@code brain.dlq} (bytes exactly as received, reason in headers), {@code brain.mqtt.dlq}
 * (gateway payloads the MQTT connector cannot map), {@code brain.outcomes} (compacted, one partition: the outcome
 * ledger, application.id/intake/p or application.id/window/j/p -> OutcomeTally). The schema registry keeps its schemas in {@code _schemas}
 * (compacted).
 */
public final class TopicNames {

    /**
     * A topic as the product creates it: whether it is compacted (reference data, the ledger) rather than deleted by
     * time, its partitions (0: as many as the product's {@code partitions} setting) and any further topic configs.
     */
    public record TopicSpec(String name, boolean compacted, int partitions, Map<String, String> configs) {

        public TopicSpec {
            configs = Map.copyOf(configs);
        }

        /** A topic with the product's partition count and no further configs. */
        public TopicSpec(String name, boolean compacted) {
            this(name, compacted, 0, Map.of());
        }
    }

    /**
     * The ledger's readers rely on its total order (an intake row before every window row that counts up to it), so
     * it has one partition; compaction keeps the latest row per key, and waits an hour so that a reader near the end
     * never sees that order changed.
     */
    private static final Map<String, String> LEDGER_CONFIGS = Map.of(
            "min.compaction.lag.ms", String.valueOf(Duration.ofHours(1).toMillis()),
            "segment.ms", String.valueOf(Duration.ofHours(1).toMillis()));

    /**
     * A period record is published again each time a window of its period becomes final, an enterprise's day 24 times;
     * day-long segments let compaction keep the topic, and every instance's copy read from it at a fresh start, near
     * its latest record per period rather than a week of revisions (the broker's default segment).
     */
    private static final Map<String, String> PERIOD_CONFIGS = Map.of("segment.ms", String.valueOf(Duration.ofDays(1).toMillis()));

    /** How long {@code brain.metrics.final} keeps a window's final by default: last year's, with a month to spare. */
    public static final Duration DEFAULT_FINAL_RETENTION = Duration.ofDays(400);

    private final String prefix;
    private final Duration finalRetention;

    public TopicNames(String prefix) {
        this(prefix, DEFAULT_FINAL_RETENTION);
    }

    /** @param finalRetention how long {@code brain.metrics.final} is created to keep its records */
    public TopicNames(String prefix, Duration finalRetention) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.finalRetention = Objects.requireNonNull(finalRetention, "finalRetention");
    }

    public String prefix() { return prefix; }

    public String enterprises() { return prefix + "brain.enterprises"; }
    public String telemetry() { return prefix + "brain.telemetry"; }
    public String production() { return prefix + "brain.production"; }
    public String shifts() { return prefix + "brain.shifts"; }
    public String processes() { return prefix + "brain.processes"; }
    public String targets() { return prefix + "brain.targets"; }
    public String metrics() { return prefix + "brain.metrics"; }
    public String metricsFinal() { return prefix + "brain.metrics.final"; }
    /** The day, month, quarter and year records of every scope, the latest per period: the plan's history, kept for good. */
    public String metricsPeriods() { return prefix + "brain.metrics.periods"; }
    public String deadLetters() { return prefix + "brain.dlq"; }
    /** Where the MQTT gateway connector puts payloads it cannot map (Connect's error headers). */
    public String gatewayDeadLetters() { return prefix + "brain.mqtt.dlq"; }
    /** The outcome ledger: what became of the event records, per task, exactly once (see OutcomeTally.avsc). */
    public String outcomes() { return prefix + "brain.outcomes"; }
    public String schemas() { return prefix + "_schemas"; }

    /** The four event topics whose records are windowed into metrics. */
    public List<String> eventTopics() {
        return List.of(telemetry(), production(), shifts(), processes());
    }

    /** The input topics whose every record is counted by outcome: the reference data and the event topics. */
    public List<String> countedInputTopics() {
        return List.of(enterprises(), telemetry(), production(), shifts(), processes());
    }

    /** Every topic the app reads or writes: all of {@link #all()} but the gateway's dead letters, which Connect writes. */
    public List<String> usedByTheApp() {
        return all().stream().map(TopicSpec::name).filter(name -> !name.equals(gatewayDeadLetters())).toList();
    }

    /**
     * Every topic the product creates at start, with its clean-up policy. The registry's own topic is
     * not among them: the registry creates it with the single partition its total order needs.
     */
    public List<TopicSpec> all() {
        return List.of(
                new TopicSpec(enterprises(), true),
                new TopicSpec(telemetry(), false),
                new TopicSpec(production(), false),
                new TopicSpec(shifts(), false),
                new TopicSpec(processes(), false),
                new TopicSpec(targets(), true),
                new TopicSpec(metrics(), false),
                new TopicSpec(metricsFinal(), false, 0, Map.of("retention.ms", String.valueOf(finalRetention.toMillis()))),
                new TopicSpec(metricsPeriods(), true, 0, PERIOD_CONFIGS),
                new TopicSpec(deadLetters(), false),
                new TopicSpec(gatewayDeadLetters(), false),
                new TopicSpec(outcomes(), true, 1, LEDGER_CONFIGS));
    }
}
