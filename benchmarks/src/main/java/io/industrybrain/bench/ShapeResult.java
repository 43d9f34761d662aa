package io.industrybrain.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything measured over one fleet shape.
 *
 * @param ceiling     ceiling (b), the plain Kafka Streams app every ratio is taken to
 * @param pipeline    the pipeline at its defaults (exactly-once, default commit interval)
 * @param latencyLoad the steady load of the latency run, events per second: half the pipeline's rate
 * @param latency     scope -> updates, p50, p99 and max in ms
 * @param restore     start to healthy with an empty state directory, restored from the changelogs
 */
record ShapeResult(Dataset data, List<RunResult> runs, RunResult ceiling, RunResult pipeline, double latencyLoad,
                   Map<String, Map<String, Long>> latency, Duration restore) {

    /** Settled per second of ceiling (b); 0 when it was not run. */
    double ceilingRate() {
        return ceiling == null ? 0 : ceiling.eventsPerSecond();
    }

    /** Settled per second of the pipeline at its defaults; 0 when it was not run. */
    double pipelineRate() {
        return pipeline == null ? 0 : pipeline.eventsPerSecond();
    }

    /** The pipeline's rate over the ceiling's, or null when either was not run. */
    Double pipelineToCeiling() {
        return ceiling == null || pipeline == null ? null : RunResult.round(pipelineRate() / ceilingRate(), 3);
    }
}
