package io.industrybrain.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured run over one data set.
 *
 * @param run           what ran: {@code ceiling-consumer}, {@code ceiling-streams}, {@code pipeline}, ...
 * @param events        events of the data set
 * @param settled       events whose fate was decided before the run ended
 * @param seconds       from the first record read to the last record settled (or to the end of an incomplete run)
 * @param complete      every event settled within the run's time limit
 * @param usage         CPU and memory of the run's process
 * @param stateBytes    its state directory on disk at the end; 0 for a run without state
 */
record RunResult(String run, long events, long settled, double seconds, boolean complete, ChildJvm.Usage usage, long stateBytes) {

    double eventsPerSecond() {
        return seconds > 0 ? settled / seconds : 0;
    }

    double cpuSecondsPerMillion() {
        return settled > 0 ? usage.cpuSeconds() / settled * 1e6 : 0;
    }

    Map<String, Object> json(double ceiling) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("events", events);
        json.put("settled", settled);
        json.put("complete", complete);
        json.put("seconds", round(seconds, 1));
        json.put("events_per_s", Math.round(eventsPerSecond()));
        json.put("to_ceiling", ceiling > 0 ? round(eventsPerSecond() / ceiling, 3) : null);
        json.put("cpu_s_per_million_events", round(cpuSecondsPerMillion(), 1));
        json.put("peak_heap_mib", usage.peakHeapBytes() >> 20);
        json.put("peak_live_heap_mib", usage.peakLiveHeapBytes() >> 20);
        json.put("peak_rss_mib", usage.peakResidentBytes() >> 20);
        json.put("state_mib", stateBytes >> 20);
        return json;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
